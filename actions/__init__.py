"""Rasa SDK action server of Aiguillage: thin adapters between the tracker and `knowledge`."""
