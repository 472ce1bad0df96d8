"""English is for messages written in English (play-test D, d11): « je parle pas bien français écrit », written in
French, got the English greeting and the literacy need was lost. The signaux.yaml `anglais` part only."""

import pytest

from reading.safety import detect


@pytest.mark.parametrize(
    "text",
    [
        "j'ai pas été à l'école beaucoup, je parle pas bien français écrit",
        "je parle pas bien le francais",
        "je comprends pas bien le français, vous pouvez parler simple ?",
        "jsais pas bien parler francais",
    ],
)
def test_french_written_in_french_is_not_english(text):
    assert not detect(text, use_model=False).english


@pytest.mark.parametrize(
    "text",
    ["I don't speak french", "sorry my french is bad, i need work", "english please", "hello do you speak english?"],
)
def test_english_stays_english(text):
    assert detect(text, use_model=False).english
