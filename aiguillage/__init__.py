"""Aiguillage: command-line tools, channels and server wrappers around `knowledge` and Rasa."""
