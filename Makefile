# Two commands on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test bench load chromium clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Re-install only when the pins change.
$(VENV)/.app-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $(VENV)/.app-installed $@

# Debian's chromium for the browser tests (root, or sudo when available).
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

run: $(VENV)/.app-installed
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.test-installed chromium
	$(PY) -m pytest

# Page speed and memory, then the concurrent-sessions load test; both write bench/RESULTS.md.
bench: $(VENV)/.test-installed chromium
	$(PY) -m bench.run
	$(PY) -m bench.load

load: $(VENV)/.test-installed chromium
	$(PY) -m bench.load

clean:
	rm -rf $(VENV) tests/artifacts .pytest_cache
