# Aiguillage — `make run` starts the bot, `make test` runs every test. Both set up .venv first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup run shell train test test-fast validate bench clean

setup:
	@bash scripts/setup.sh

train: setup
	@bash scripts/train.sh config.yml

run: setup train
	@bash scripts/run.sh server

shell: setup train
	@bash scripts/run.sh shell

test: setup
	@bash scripts/test.sh

validate: setup
	@$(VENV)/bin/rasa data validate --data bot --domain domain.yml --config config.yml --fail-on-warnings

bench: setup
	@$(PY) benchmarks/bench_geo.py
	@$(PY) benchmarks/bench_matching.py

clean:
	rm -rf models var results .pytest_cache
