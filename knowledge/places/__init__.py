"""Places a young person can call or walk into, and distances between communes.

Pure Python, no Rasa import: ``distance`` (a point per commune, great-circle km),
``france_services`` (the national France services directory) and ``wording`` (the French
sentences that present them).
"""
