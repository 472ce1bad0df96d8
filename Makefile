# Aiguillage — `make run` starts the bot, `make test` runs every test. Both set up .venv first.
# While changing code: `make check` (lint, format, data) and `make test-fast` (no model, no server).
SHELL := /bin/bash
VENV := .venv
# A public-service bot sends nothing to a third party: Rasa's telemetry is off for every command below.
export RASA_TELEMETRY_ENABLED ?= false
PY := $(VENV)/bin/python

.PHONY: setup run shell train test test-fast check validate bench bench-resources load nlu-report understanding-report safety-report clean

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

# Every test that needs no trained model and no server (no e2e, browser, services, `rasa test`): never trains.
# The markers are declared in pyproject.toml; ARGS passes more to pytest (ARGS="-x -k commune").
test-fast: setup
	@$(PY) -m pytest -q -m "not e2e and not browser and not services and not model" $(ARGS)

# Lint and format (ruff, configured in pyproject.toml), Rasa's data checks, and the knowledge base's schema and
# vocabularies (the same check as `aiguillage knowledge validate`). Fix with `.venv/bin/ruff check --fix .` and
# `.venv/bin/ruff format .`.
check: setup
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(MAKE) --no-print-directory validate
	@PYTHONPATH=$(CURDIR) $(PY) -m aiguillage.cli knowledge validate

bench: setup
	@$(PY) benchmarks/bench_geo.py
	@$(PY) benchmarks/bench_matching.py

# Training time, memory, CPU per message and start-up time beside the bare `rasa init` bot (resources.md).
# Not part of `make bench`: it trains both bots and starts both stacks, 15–30 minutes on 2 cores.
# MODEL=models reuses a trained Aiguillage model (no Aiguillage training: a few minutes less).
bench-resources: setup
	@PYTHONPATH=$(CURDIR) $(PY) benchmarks/bench_resources.py $(if $(MODEL),--model $(MODEL))

# 50 simulated people in complete conversations over REST, on servers it starts (needs a trained model).
load: setup train
	@$(PY) benchmarks/load_test.py

# Intent and entity F1 on the held-out set tests/nlu/test_nlu.yml → benchmarks/results/nlu.md: of the
# trained model, or with SEEDS=42,7,2026 the mean of one NLU training per DIET seed (no full model needed).
nlu-report: setup $(if $(SEEDS),,train)
	@$(PY) scripts/nlu_report.py $(if $(SEEDS),--seeds $(SEEDS))

# Share of real-style messages and conversations (tests/understanding/) with every fact right →
# benchmarks/results/understanding.md; with the newest trained model's NLU when models/ holds one (the script
# picks it; --parsers-only for the parsers alone).
understanding-report: setup
	@PYTHONPATH=$(CURDIR) $(PY) scripts/understanding_report.py

# The safety layer on the labelled messages of tests/safety/ → benchmarks/results/safety.md (no model needed).
safety-report: setup
	@$(PY) scripts/safety_report.py

clean:
	rm -rf models var results .pytest_cache
