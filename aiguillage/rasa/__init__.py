"""Replacements and adaptations of Rasa 3.6 internals, each for one reason (checked against Rasa 3.6.21).

- `safety_layer`: every message is looked at for danger before the NLU, the form or any slot mapping reads it.
- `typed_buttons`: a button's title typed by hand becomes that button's payload before anything reads it.
- `answer_first`: an answer to the question asked wins over an NLU intent that would leave the questionnaire.
- `input_guard`: long messages are bounded (Rasa's NLU of every conversation runs on one thread) and malformed
  REST bodies get a 400 instead of a shared "default" conversation or a 500.
- `resilience`: a kind French answer when the action server is down or slow, and never an empty answer.
- `performance`: Rasa re-checked a constant JSON Schema on every action call (60 % of its time per message).
- `console`: Ctrl-C at a question with buttons in `rasa shell` ends the conversation instead of hanging.
- `tracker_store`: the SQL tracker store really deletes conversations (« effacer mes données », expired sessions).
- `lock_store`: Redis lock changes made atomic, so that two servers never handle one conversation at once.

Installed by aiguillage/servers/rasa_server.py, or named in endpoints*.yml (the two stores).
"""
