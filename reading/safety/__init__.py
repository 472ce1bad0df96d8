"""The safety layer: every message is looked at for danger before anything else reads it.

`detector` finds signals in a message (suicide, violence, thrown out, sleeping outside, health, pregnancy,
distress, English, a stated minor or adult age) from the patterns of knowledge/data/safety/signaux.yaml;
`answer` decides which help to give from those signals and the age already known; `numbers` reads the
emergency numbers of knowledge/data/safety/urgences.yaml. Pure Python: usable and tested without Rasa.
aiguillage/rasa/safety_layer.py puts it in front of Rasa; actions/safety.py sends the answer.
"""

from reading.safety.answer import SafetyAnswer, plan_answer
from reading.safety.detector import Detection, detect

__all__ = ["Detection", "SafetyAnswer", "detect", "plan_answer"]
