import pytest

from tests.support.stack import LOCAL_WEB_ORIGIN, BotStack


@pytest.fixture(scope="session")
def bot():
    """The real action server + Rasa server, on the model that `make test` trained; one for every e2e
    module but Telegram's (starting one costs a minute or more)."""
    with BotStack(extra_rasa_args=["--cors", LOCAL_WEB_ORIGIN]) as stack:
        yield stack
