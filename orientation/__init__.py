"""Orientation: from a person's profile to what the bot tells them.

`matching/` (eligibility, criteria, scoring, places, networks, the « Pourquoi ? » of each suggestion),
`refine` (a trade or a wish after the suggestions), `next_step` (where to go this week), `liaison` (the fiche de
liaison), and the French renderings: `formatting` (a recommendation), `wording` (a fact acknowledged, the age
notes, which question to ask), `place_wording` (France services sites). Plain Python, no Rasa import.
"""
