"""Places a young person can call or walk into, and distances between communes.

Pure Python, no Rasa import: ``distance`` (a point per commune, great-circle km) and
``france_services`` (the national France services directory); their builders. The French
sentences that present them are in orientation/place_wording.py.
"""
