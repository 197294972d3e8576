# The two commands: `make run` and `make test`. Everything else here serves them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HEALTHCHECK_ENV ?= development

.PHONY: run test install system-deps system-deps-run assets db demo lint lint-ci audit format benchmarks clean

run: install system-deps-run db demo  ## Set up and serve the app on http://127.0.0.1:5000 with the demo
	@echo ""
	@echo "Health Check is running at http://127.0.0.1:5000  (Ctrl+C to stop)"
	@echo ""
	$(BIN)/healthcheck run --host 127.0.0.1 --port 5000

test: install system-deps  ## Set up everything the tests need and run the whole suite
	HEALTHCHECK_ENV=testing $(BIN)/python -m pytest

install: $(VENV)/.installed assets

$(VENV)/.installed: setup.cfg pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Health Check needs Python 3.11 or newer"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# GOV.UK Frontend comes from npm (pinned in package-lock.json) and is copied into our
# static folder, so nothing is fetched from a CDN at run time.
assets: node_modules/.package-lock.json
	@mkdir -p healthcheck/static/govuk
	@cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css \
		node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js healthcheck/static/govuk/
	@cp -r node_modules/govuk-frontend/dist/govuk/assets healthcheck/static/govuk/

system-deps-run:  ## WeasyPrint's libraries (the PDF report), from Debian, when missing
	@scripts/system-deps.sh run

system-deps:  ## Chromium, PostgreSQL and WeasyPrint's libraries, from Debian, when missing
	@scripts/system-deps.sh

db:
	$(BIN)/healthcheck db upgrade

demo:
	$(BIN)/healthcheck seed-demo

lint-ci: install  ## flake8, the import contracts and bandit: findings fail CI
	$(BIN)/flake8 healthcheck surveys analysis tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/bandit -q -ll -c pyproject.toml -r healthcheck surveys analysis

audit: install  ## pip-audit --strict; skipped with a loud notice when the service is unreachable
	@VENV=$(VENV) scripts/audit.sh

lint:
	$(BIN)/flake8 healthcheck surveys analysis tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/isort --check-only healthcheck surveys analysis tests benchmarks
	$(BIN)/black --check healthcheck surveys analysis tests benchmarks

format:
	$(BIN)/isort healthcheck surveys analysis tests benchmarks
	$(BIN)/black healthcheck surveys analysis tests benchmarks

clean:
	rm -rf $(VENV) node_modules healthcheck/static/govuk instance .pytest_cache
