# Two commands on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium
NGINX ?= /usr/sbin/nginx
SERVE_PORT ?= 8080
REPLICAS ?= 2

.PHONY: run serve test test-fast bench load chromium nginx clean i18n translations desk axe

# Message catalogues (i18n/README.md): compiled from the .po files whenever they change.
LOCALES := en ru ky
MO := $(foreach l,$(LOCALES),i18n/locale/$(l)/LC_MESSAGES/messages.mo)
PYBABEL := $(VENV)/bin/pybabel

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

# Debian's chromium for the browser tests, and poppler-utils (pdftotext) with which the
# print test reads each PDF page back (root, or sudo when available).
chromium:
	@if [ ! -x "$(CHROMIUM)" ] || ! command -v pdftotext >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils; \
	fi

# Debian's nginx for `make serve`, the proxy load test and tests/test_deploy.py. It runs
# from a temporary prefix directory as the user who starts it, never as the system service:
# where systemd starts the package's default site on installation, it is switched off again.
nginx:
	@if [ ! -x "$(NGINX)" ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx; \
		if [ -d /run/systemd/system ]; then $$SUDO systemctl disable --now nginx || true; fi; \
	fi

# axe-core, the accessibility rules engine the browser tests inject into every page
# (tests/test_browser_a11y_brief.py). From the npm registry with npm's own client, pinned; npm
# checks the tarball against the registry's integrity hash. Only axe.min.js is kept, in a
# git-ignored folder; the tests skip the audit with a reason when it is missing.
AXE_VERSION ?= 4.14.1
AXE_DIR := tests/.axe
$(AXE_DIR)/axe-$(AXE_VERSION).min.js:
	mkdir -p $(AXE_DIR)
	cd $(AXE_DIR) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
		&& tar -xzf axe-core-$(AXE_VERSION).tgz package/axe.min.js \
		&& mv package/axe.min.js axe-$(AXE_VERSION).min.js && rm -rf package axe-core-$(AXE_VERSION).tgz
axe: $(AXE_DIR)/axe-$(AXE_VERSION).min.js

i18n/locale/%/LC_MESSAGES/messages.mo: i18n/locale/%/LC_MESSAGES/messages.po $(VENV)/.app-installed
	$(PYBABEL) -q compile -l $* -i $< -o $@

translations: $(MO)

# Extract message ids from the code, merge them into every catalogue, compile.
i18n: $(VENV)/.app-installed
	$(PYBABEL) -q extract -F i18n/babel.cfg -k N_ -k ngettext:1,2 -c TRANSLATORS: --no-location --sort-output \
		--project="Rapporteur Dashboard" --msgid-bugs-address="rapporteur-dashboard" -o i18n/messages.pot .
	for l in $(LOCALES); do \
		if [ -f i18n/locale/$$l/LC_MESSAGES/messages.po ]; then \
			$(PYBABEL) -q update --no-fuzzy-matching --width=100 -l $$l -i i18n/messages.pot -d i18n/locale; \
		else $(PYBABEL) -q init -l $$l -i i18n/messages.pot -d i18n/locale; fi; \
	done
	$(PY) -m i18n.english
	$(MAKE) translations

run: $(VENV)/.app-installed translations
	$(PY) -m streamlit run server.py --server.port $(PORT)

# Production on this machine: $(REPLICAS) replicas behind nginx on 127.0.0.1:$(SERVE_PORT) (deploy/README.md).
serve: $(VENV)/.app-installed translations nginx
	$(PY) -m deploy.serve --port $(SERVE_PORT) --replicas $(REPLICAS)

# The data desk (desk/README.md): staff only, bound to this machine unless DESK_ADDRESS says otherwise.
DESK_PORT ?= 8502
DESK_ADDRESS ?= 127.0.0.1
desk: $(VENV)/.app-installed translations
	$(PY) -m streamlit run desk/app.py --server.address $(DESK_ADDRESS) --server.port $(DESK_PORT) \
		--server.maxUploadSize 50

# `make test` runs two stages, each opened by an "== stage N: ..." line and closed by
# pytest's "N passed" line, so CI output shows which one failed: (1) everything that
# needs no server (unit, data, provenance, AppTest in every language), then (2) the tests
# against a live server (headless Chromium, the protocol client), marked `browser`. It
# stops at the first failing stage. A stage that collects no test fails too (pytest's
# exit code 5, named in the closing line). `make test-fast` is stage 1 alone.
# PYTEST_ARGS passes options on, e.g. `make test-fast PYTEST_ARGS="-x --durations=10"`.
PYTEST_ARGS ?=
# Both stages run their test files on TEST_JOBS processes (pytest-xdist; a file's tests stay
# together, so module fixtures -- a file's own server -- are built once): the two cores CI
# has, both busy (a browser test spends much of its time waiting for the page).
TEST_JOBS ?= auto

# $(call stage,<number>,<heading>,<marker expression>[,<more pytest options>])
define stage
	@echo "== stage $(1): $(2) (pytest -m \"$(3)\") =="
	@$(PY) -m pytest -m "$(3)" $(4) $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "== stage $(1) FAILED: no tests collected (pytest exit code 5) =="; \
	elif [ $$status -ne 0 ]; then echo "== stage $(1) FAILED (pytest exit code $$status) =="; \
	else echo "== stage $(1) passed =="; fi; \
	exit $$status
endef

test: $(VENV)/.test-installed chromium nginx translations axe
	$(call stage,1,unit + data + AppTest,not browser,-n $(TEST_JOBS) --dist loadfile)
	$(call stage,2,browser: live server + headless Chromium,browser,-n $(TEST_JOBS) --dist loadfile)

test-fast: $(VENV)/.test-installed translations
	$(call stage,1,unit + data + AppTest,not browser,-n $(TEST_JOBS) --dist loadfile)

# Page speed and memory, then the concurrent-sessions load test (also through nginx, with a
# failover), then the public pages with a published data release vs the shipped CSVs; each
# writes its section of bench/RESULTS.md.
bench: $(VENV)/.test-installed chromium nginx translations
	$(PY) -m bench.run
	$(PY) -m bench.load
	$(PY) -m bench.release_load --browser --write

load: $(VENV)/.test-installed chromium nginx translations
	$(PY) -m bench.load

clean:
	rm -rf $(VENV) tests/artifacts .pytest_cache $(AXE_DIR)
