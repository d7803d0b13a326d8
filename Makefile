# innovex: `make run` serves the app with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app innovex
PORT ?= $(or $(INNOVEX_PORT),5000)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Errors only: the machine's pip configuration (extra index folders that do not exist) would otherwise print
# a warning per package, and the version check is noise in a project install.
PIP := $(BIN)/pip --quiet --quiet --disable-pip-version-check

.PHONY: install install-test run test lint format translations extract-messages chromium wrk bench bench-search \
	bench-load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed translations

install-test: $(VENV)/.installed-test translations

translations: | $(BIN)/python
	@$(BIN)/pybabel -q compile -d innovex/translations

extract-messages: $(VENV)/.installed
	$(BIN)/pybabel -q extract --ignore-dirs='.*' -F babel.cfg -k _l -k lazy_gettext -w 110 -o innovex/translations/messages.pot .
	$(BIN)/pybabel -q update -N -w 110 -i innovex/translations/messages.pot -d innovex/translations

run: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; \
	fi

wrk:
	@if [ ! -x /usr/bin/wrk ]; then \
		echo "Installing Debian's wrk for the load benchmark"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; \
	fi

test: install-test chromium
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-test
	$(BIN)/python bench/threads.py
	$(BIN)/python bench/map.py

bench-search: install-test
	$(BIN)/python bench/search.py --n 10000

bench-load: install-test wrk
	$(BIN)/python bench/load.py

bench-relevance: install-test
	$(BIN)/python bench/relevance.py

clean:
	rm -rf $(VENV) instance .pytest_cache
