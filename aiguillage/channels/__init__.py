"""Rasa input channels adapted for Aiguillage (referenced by class path from credentials.yml)."""
