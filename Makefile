# The collection's commands. Each target runs the nox session of the same job
# inside .venv, so flags live in one place (noxfile.py).
#
#   make html   build the site into _build/html/
#   make test   run every test (installs missing system packages when allowed)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# the venv is remade whenever requirements.txt is newer than this stamp
STAMP := $(VENV)/.requirements-installed
# sessions run inside .venv: its bin/ first on PATH, nox makes no venv of its own
NOX := PATH="$(CURDIR)/$(BIN):$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" $(BIN)/nox --no-venv --no-install -s

.DEFAULT_GOAL := help
.PHONY: help html pdf live linkcheck test clean
.PHONY: lint new-resource new-packet
.PHONY: zip audit
.PHONY: bench

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@# --require-hashes: only the exact files pinned in requirements.txt install; --no-deps: the lock
	@# is complete, so nothing is resolved again (a newer release of a dependency asked for with
	@# an extra, such as weasyprint's fonttools[woff], made pip's resolver refuse the lock); pip check
	@# then proves the set is consistent
	$(BIN)/python -m pip install --quiet --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements.txt
	$(BIN)/python -m pip check --disable-pip-version-check
	touch $(STAMP)

html: $(STAMP) ## Build the HTML collection into _build/html/
	$(NOX) docs

# BINDERS=community-trust-packet-<name> builds that binder alone (comma-separated names; default: all)
pdf: $(STAMP) ## Build the tagged PDF binders into _build/pdf/ (WeasyPrint, see README)
	$(NOX) pdf $(if $(BINDERS),-- -D ctr_binders="$$BINDERS")

live: $(STAMP) ## Preview at http://127.0.0.1:8000 with automatic rebuilds
	$(NOX) docs-live

linkcheck: $(STAMP) ## Check every external address on the live web (on purpose only)
	$(NOX) linkcheck

lint: $(STAMP) ## Check the pages in seconds, without a build (file:line: what to do)
	$(NOX) lint

# Asks when run in a terminal; or give TITLE="…" TOPICS=a,b ACCESS=… SHORT_TITLE="…" TYPE=…
NEW_ARGS = $(if $(TITLE),"$$TITLE") $(if $(TOPICS),--topics "$$TOPICS") $(if $(ACCESS),--access "$$ACCESS") \
  $(if $(SHORT_TITLE),--short-title "$$SHORT_TITLE") $(if $(TYPE),--type "$$TYPE")
new-resource: $(STAMP) ## Start a new resource page (asks for the title, topics and access)
	$(NOX) new -- $(strip $(NEW_ARGS))

# Asks when run in a terminal; or give TITLE="…" RESOURCES=a,b FORMAT=… LENGTH=minutes
PACKET_ARGS = $(if $(TITLE),"$$TITLE") $(if $(RESOURCES),--resources "$$RESOURCES") \
  $(if $(FORMAT),--format "$$FORMAT") $(if $(LENGTH),--length "$$LENGTH")
new-packet: $(STAMP) ## Start a new training packet (asks for the title, resources, format and length)
	$(NOX) new-packet -- $(strip $(PACKET_ARGS))

test: $(STAMP) ## Run all tests (installs missing system packages when allowed)
	$(NOX) tests

zip: $(STAMP) ## A clean HTML build as one zip for offline reading (_build/community-trust-resources-html.zip)
	$(NOX) zip

audit: $(STAMP) ## Lighthouse scores of the home, a topic and a resource page (needs npm; a measurement)
	$(NOX) audit

# BENCH_ARGS="--large --profile 1000" adds the 5,000-resource run and a profile
bench: $(STAMP) ## Time clean, incremental and PDF builds, and 100/1,000 resources (about 40 minutes)
	$(NOX) bench -- $(BENCH_ARGS)

clean: ## Remove build output (keeps .venv)
	rm -rf _build benchmarks/results
