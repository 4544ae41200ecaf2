# The portal's commands. `make run` serves the demo city; `make test` runs every check.
# Both create the virtualenv and install what they need, and can be run again safely.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/portal
HOST ?= 127.0.0.1
PORT ?= 8000
SCALE ?= 10
# The site search is measured at this size (bench_search tops the bench city up to it).
SEARCH_GROUPS ?= 5000
SEARCH_EVENTS ?= 50000
# The unit suites run on every core (pytest-xdist; each worker has its own test database).
WORKERS ?= auto
# The demo runs with DEBUG on, on SQLite, with staff two-factor relaxed (see README).
DEMO_ENV := DJANGO_DEBUG=1 STAFF_MFA_REQUIRED=0 DATABASE_URL=

.PHONY: help run install install-dev migrate messages compilemessages seed test lint check-migrations \
        check-translations test-sqlite test-postgres test-e2e browser bench bench-http bench-load bench-require-db clean

help:
	@echo "make run    - set up and serve the demo city at http://$(HOST):$(PORT) (SQLite)"
	@echo "make test   - lint, check migrations and translations, run all tests (SQLite, PostgreSQL if reachable, browser)"
	@echo "make bench  - seed a larger city (SCALE=$(SCALE)) and report page timings as JSON"
	@echo "make bench-http BENCH_DATABASE_URL=... - the bench city under gunicorn against a minimal Django page (wrk)"
	@echo "make bench-load BENCH_DATABASE_URL=... - 100 visitors for 60 s on the bench city (Locust)"

$(PY):
	@PYTHON_BIN=$$(scripts/find_python.sh) && echo "Using $$PYTHON_BIN" && "$$PYTHON_BIN" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(STAMP).run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(STAMP).dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(STAMP).run

install: $(STAMP).run
install-dev: $(STAMP).dev

compilemessages: install
	DJANGO_DEBUG=1 DATABASE_URL= $(PY) manage.py compile_translations

run: install compilemessages
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py createcachetable
	$(DEMO_ENV) $(PY) manage.py seed_demo
	@echo ""
	@echo "  The demo city is at http://$(HOST):$(PORT)/ (English: http://$(HOST):$(PORT)/en/)"
	@echo "  Log in with any of these e-mails and the password demo-pass-2026:"
	@echo "    admin@example.jp (superuser)   staff@example.jp (city staff)   center@example.jp (centre staff)"
	@echo "    reviewer@example.jp (review committee)   rep@example.jp (group representative)"
	@echo "    member@example.jp (group member)   citizen@example.jp (citizen)"
	@echo ""
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: install-dev
	DJANGO_DEBUG=1 DATABASE_URL= $(PY) manage.py makemigrations --check --dry-run

check-translations: install-dev
	@command -v xgettext >/dev/null || { echo "error: GNU gettext is missing (apt-get install gettext / brew install gettext)"; exit 1; }
	DJANGO_DEBUG=1 DATABASE_URL= $(PY) manage.py check_translations

messages: install-dev
	DJANGO_DEBUG=1 DATABASE_URL= $(PY) manage.py makemessages -l ja --no-location --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests

test-sqlite: install-dev compilemessages
	DATABASE_URL= $(BIN)/pytest -m "not e2e" --create-db -q -n $(WORKERS)

test-postgres: install-dev compilemessages
	@if DATABASE_URL=$(PG_URL) $(PY) scripts/pg_available.py; then \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not e2e" --create-db -q -n $(WORKERS); \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "error: PostgreSQL is required (REQUIRE_POSTGRES is set) but $(PG_URL) is not reachable."; exit 1; \
	else \
		echo "PostgreSQL is not reachable at $(PG_URL): skipping the PostgreSQL run."; \
	fi

browser:
	@scripts/ensure_browser.sh

node_modules/axe-core/axe.min.js: package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm (Node.js) is needed for the accessibility checker axe-core"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test-e2e: install-dev compilemessages browser node_modules/axe-core/axe.min.js
	DATABASE_URL= $(BIN)/pytest -m e2e --create-db -q -p no:randomly

test: lint check-migrations check-translations test-sqlite test-postgres test-e2e

BENCH_REDIS_DB ?= 13
# The shared cache as in production (Redis); BENCH_CACHE_URL= (empty) uses the database's.
BENCH_CACHE_URL ?= redis://127.0.0.1:6379/$(BENCH_REDIS_DB)

bench: install compilemessages
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz STAFF_MFA_REQUIRED=0 DEMO_DATA_ALLOWED=1 \
		DJANGO_SECURE_SSL_REDIRECT=0 SQLITE_PATH=$(CURDIR)/bench.sqlite3 DATABASE_URL=$(BENCH_DATABASE_URL) CACHE_URL=$(BENCH_CACHE_URL) \
		sh -c '$(PY) manage.py collectstatic --noinput -v0 && $(PY) manage.py bench --scale $(SCALE) --output bench-report.json \
		&& $(PY) manage.py bench_search --groups $(SEARCH_GROUPS) --events $(SEARCH_EVENTS) --output bench-search.json'

# The HTTP benchmarks serve the bench city seeded by `make bench` into BENCH_DATABASE_URL
# (PostgreSQL) with production settings under gunicorn, Redis database BENCH_REDIS_DB as
# the shared cache (flushed at the start). BENCH_GUNICORN_ARGS is added to every gunicorn
# (e.g. "--worker-class sync": gunicorn.conf.py sets gthread); BENCH_LOAD_ARGS=--cold-start starts the crowd
# on an empty page cache (by default every page it visits is requested once first).
BENCH_HTTP_SECONDS ?= 5
BENCH_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \
	STAFF_MFA_REQUIRED=0 DJANGO_SECURE_SSL_REDIRECT=0 DATABASE_URL=$(BENCH_DATABASE_URL)

bench-require-db:
	@test -n "$(BENCH_DATABASE_URL)" || { echo "error: BENCH_DATABASE_URL is not set: the PostgreSQL database seeded by make bench,"; \
		echo "       e.g. make $(MAKECMDGOALS) BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench"; exit 1; }

bench-http: install-dev compilemessages bench-require-db
	@scripts/ensure_wrk.sh
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(PY) -m bench.http_bench --database-url "$(BENCH_DATABASE_URL)" --duration $(BENCH_HTTP_SECONDS) \
		--redis-db $(BENCH_REDIS_DB) --output bench-http.json

bench-load: install-dev compilemessages bench-require-db
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(PY) -m bench.load_bench --database-url "$(BENCH_DATABASE_URL)" --redis-db $(BENCH_REDIS_DB) --output bench-load.json \
		$(BENCH_LOAD_ARGS)

clean:
	rm -rf $(VENV) node_modules db.sqlite3 bench.sqlite3 staticfiles
