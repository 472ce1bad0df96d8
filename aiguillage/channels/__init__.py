"""Rasa input channels adapted for Aiguillage (referenced by class path from credentials.yml), and webchat/:
the web chat's page and widget (served by `aiguillage web`, or copied to a mission locale's site)."""
