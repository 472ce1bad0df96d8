"""Aiguillage around Rasa: `cli/` (the `aiguillage` command), `channels/` (socket.io, Telegram, the web chat's
page), `scenarios/` (conseillers' scenarios), `servers/` (what starts Rasa and the action server), `rasa/`
(adaptations of Rasa internals, one reason each)."""
