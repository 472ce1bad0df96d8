"""Aiguillage's knowledge base: initiatives, glossary, standing networks and French geography.

Plain, typed Python with no Rasa import, so that conseillers' tools, tests and benchmarks use it directly.
"""
