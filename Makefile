# Filet — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/filet
CHROMIUM ?= /usr/bin/chromium

.PHONY: help run worker test lint typecheck checks security test-sqlite test-postgres bench soak messages clean

help:
	@echo "make run    set everything up and serve Filet with demo data on http://127.0.0.1:8000"
	@echo "make test   set everything up and run every check (lint, types, migrations, tests on SQLite and PostgreSQL)"
	@echo "make bench  generate data in PostgreSQL and measure the main pages"
	@echo "make soak   five minutes of load at three times a province's peak, memory sampled"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"

$(VENV)/.base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.dev: requirements/base.txt requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	touch $@ $(VENV)/.base

gettext:
	@command -v msgfmt >/dev/null || (apt-get update -q && apt-get install -y -q gettext)

messages: gettext $(VENV)/.base
	$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

run: $(VENV)/.base messages
	$(BIN)/python manage.py migrate --verbosity 0
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py demo_accounts
	FILET_DEMO=1 OUTBOX_SEND_IMMEDIATELY=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# The background worker (outbox e-mails, reminders, bulletins, purges): `make worker` beside
# `make run` when you want the scheduled jobs too (run alone, it prints the e-mails).
worker: $(VENV)/.base
	$(BIN)/python manage.py worker

chromium:
	@test -x $(CHROMIUM) || (apt-get update -q && apt-get install -y -q chromium fonts-dejavu-core)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy filet bench

checks: $(VENV)/.dev messages
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 1
	$(BIN)/python manage.py check
	FILET_ENV=production SECRET_KEY=$$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')$$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=') \
		ALLOWED_HOSTS=filet.example DATABASE_URL=sqlite:///:memory: \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

test-sqlite: $(VENV)/.dev messages chromium
	$(BIN)/pytest -q -n 2 --dist loadfile

test-postgres: $(VENV)/.dev messages chromium
	@if [ -n "$$DATABASE_URL" ] || pg_isready -q -h 127.0.0.1 -p 5432; then \
		DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(BIN)/pytest -q -n 2 --dist loadfile; \
	else echo "PostgreSQL not reachable on 127.0.0.1:5432 and DATABASE_URL unset: FAILING"; exit 1; fi

# Static analysis, offline: bandit, and semgrep with Filet's local rules only (no registry).
security: $(VENV)/.dev
	$(BIN)/bandit -q -r filet -c pyproject.toml
	$(BIN)/semgrep scan --config .semgrep/filet.yml --metrics=off --disable-version-check \
		--error --quiet --no-git-ignore filet templates

test: lint typecheck checks security test-sqlite test-postgres

bench: $(VENV)/.dev
	$(BIN)/python -m bench.run

# Five minutes of locust at three times a province's expected peak (docs/performance.md).
soak: $(VENV)/.dev
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .mypy_cache .ruff_cache
