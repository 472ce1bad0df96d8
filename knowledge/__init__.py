"""Aiguillage's knowledge base: the data (data/, schemas/ and SCHEMA.md), its records (models), loading and
validation (loader), the data·inclusion import (data_inclusion, offers, vocab), the mission locale that hosts the bot
(deployment), the person's situation (profile), the trades (sectors), French geography (geo/) and places
(places/); and what the layers above share: text normalisation (text), negated mentions (negation), tables read
once (lazy).

Plain, typed Python with no Rasa import, so that conseillers' tools, tests and benchmarks use it directly.
Reading a message is in reading/, orientation in orientation/; neither is imported from here.
"""
