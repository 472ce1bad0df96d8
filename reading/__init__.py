"""Reading one message: what a young person types, turned into facts the bot can trust.

`age` and `schooling` (numbers, dates of birth, diplomas), `understanding` (one deterministic parser per profile
fact; the need's is `need`, the words they share `words`), `facts` (one message, its intent and the question just
asked -> slot updates), `answer_first` (an answer
to the question asked before an intent that would leave the questionnaire), `glossary` (which glossary term a
question is about), `commune_cues` (a sentence that changes the commune already known), and `safety/` (every
message is looked at for danger before anything else reads it). Place names are read by knowledge/geo/ (the
geography tables and their lookups), trades by knowledge/sectors.py; the normalisation every parser shares (accents,
capitals, SMS spelling) is knowledge/text.py, negated mentions knowledge/negation.py.
Plain Python, no Rasa import.
"""
