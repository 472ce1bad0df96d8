import pytest

from tests.support.stack import BotStack


@pytest.fixture(scope="session")
def bot():
    """The real action server + Rasa server, on the model that `make test` trained."""
    with BotStack() as stack:
        yield stack
