"""Shared by the whole suite."""

import os

# Every Rasa process the tests start inherits this: a public-service bot sends nothing to a third party.
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
