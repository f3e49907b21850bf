# Solidarity: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Local development defaults; anything set in the environment or .env wins. Links in emails and
# the site's host (sitemap) follow the address `make run HOST=… PORT=…` serves on.
DEV_ENV := DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}
PYTEST_ARGS ?=
# Some machines set PYTHONDONTWRITEBYTECODE: every process (each test worker, each server and
# command a test starts) would then compile Django, Wagtail and this project from source again,
# seconds of CPU each time. Bytecode lands in __pycache__ directories, which git ignores.
unexport PYTHONDONTWRITEBYTECODE
MYPY := DEBUG=1 $(VENV)/bin/mypy

.PHONY: faults run test install uv migrate seed serve bench lint typecheck format check e2e-deps pdf-deps screenshots clean restore-drill

## run: install, migrate, load demo data and accounts, then serve the site and the job cluster
run: install migrate seed serve

## test: install and run the whole test suite (parallel)
test: install e2e-deps pdf-deps
	$(VENV)/bin/pytest -n $${PYTEST_WORKERS:-auto} $(PYTEST_ARGS)

## faults: the fault suite on PostgreSQL: two servers and two worker clusters; stops Redis and SMTP, kills workers
faults: install
	$(VENV)/bin/pytest -p no:randomly -p no:xdist -m faults tests/faults $(PYTEST_ARGS)

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv

install: uv
	@$(UV) sync --frozen --quiet

migrate: install
	@set -a; [ -f .env ] && . ./.env; set +a; $(DEV_ENV) $(MANAGE) ensure_database
	@set -a; [ -f .env ] && . ./.env; set +a; $(DEV_ENV) $(MANAGE) migrate --no-input -v0
	@set -a; [ -f .env ] && . ./.env; set +a; $(DEV_ENV) $(MANAGE) createcachetable
	@set -a; [ -f .env ] && . ./.env; set +a; $(DEV_ENV) $(MANAGE) setup_site

seed: migrate
	@set -a; [ -f .env ] && . ./.env; set +a; $(DEV_ENV) $(MANAGE) seed_demo

serve:
	@set -a; [ -f .env ] && . ./.env; set +a; export $(DEV_ENV); \
	trap 'kill 0' INT TERM EXIT; \
	$(MANAGE) qcluster & \
	$(MANAGE) runserver $(HOST):$(PORT)

## bench: run every benchmark in bench/ and print one table (FULL=1: full scale on PostgreSQL; BENCH=name to pick)
bench: install
	@set -a; [ -f .env ] && . ./.env; set +a; FULL=$(FULL) $(PY) -m bench $(BENCH)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(MYPY)

## typecheck: mypy with django-stubs, whose plugin loads solidarity.settings.test (development values)
typecheck: install
	$(MYPY)

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	$(MAKE) lint

## screenshots: photograph the public pages at 360 and 1280 px into docs/screenshots/ (a throw-away demo database)
screenshots: install e2e-deps
	$(PY) docs/screenshots/make.py $(SCREENSHOTS)

# Browser tests drive Debian's chromium (no browser download works on these machines) and inject
# axe-core, pinned in tests/e2e/package-lock.json (`npm ci` only when the lock file changed).
E2E_NPM := tests/e2e/node_modules/.package-lock.json
e2e-deps: $(E2E_NPM)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium) >/dev/null \
	      || echo "warning: could not install chromium; browser tests will fail"; \
	  else echo "warning: /usr/bin/chromium missing: install Debian's chromium for browser tests"; fi; \
	fi

$(E2E_NPM): tests/e2e/package.json tests/e2e/package-lock.json
	@if ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm) >/dev/null \
	      || echo "warning: could not install npm; the accessibility checks will fail"; \
	  else echo "warning: npm missing: install Node.js and npm for the accessibility checks"; fi; \
	fi
	npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
	@touch $@

# WeasyPrint (the report's PDF) needs pango and a font with Cyrillic from the system.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-deps:
	@if ! ldconfig -p | grep -q libpangoft2-1.0.so.0 || ! ldconfig -p | grep -q libharfbuzz-subset.so \
	    || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && apt-get install -y -qq --no-install-recommends $(PDF_PACKAGES)) >/dev/null \
	      || echo "warning: could not install $(PDF_PACKAGES); PDF reports will fail"; \
	  else echo "warning: install $(PDF_PACKAGES) for PDF reports"; fi; \
	fi

## restore-drill: back up a PostgreSQL test database with deploy/backup.sh, restore it with deploy/restore.sh, compare (docs/operations.md)
DRILL_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/solidarity_drill_$$$$
restore-drill: install
	DATABASE_URL=$(DRILL_DATABASE_URL) $(VENV)/bin/pytest -p no:randomly -p no:cacheprovider deploy/drills/test_restore_drill.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media private staticfiles .pytest_cache .mypy_cache
