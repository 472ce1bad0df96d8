"""Subcommands of `aiguillage`. Each module exposes `register(subparsers)`; list it in aiguillage.cli."""
