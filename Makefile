# Two commands on a fresh machine: `make site` builds site/ from data/, `make test` runs the tests (installing Debian's Chromium, nginx, rsync and OpenSSH for them).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site test serve check lint clean sample bench debian-packages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# The tests run Debian's programs: Chromium, driven by Playwright (tests/browser/; Playwright's own browser
# download is never used; elsewhere: make test CHROMIUM=/path/to/chromium), zbarimg to read QR codes, nginx with
# the shipped configuration (deploy/nginx/), rsync and an SSH server on loopback for `terbitkan`.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
DEBIAN_PACKAGES := chromium fonts-liberation zbar-tools nginx libnginx-mod-http-brotli-static rsync openssh-server openssh-client

debian-packages:
	@dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null; }

$(VENV)/.installed-bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

site: $(VENV)/.installed  ## validate data/, generate the pages and build site/
	$(PY) -m generator build

check: $(VENV)/.installed  ## validate data/ only
	$(PY) -m generator check

serve: $(VENV)/.installed  ## live preview at http://127.0.0.1:8000, rebuilt when data/ or docs/ changes
	$(PY) -m generator serve

lint: $(VENV)/.installed-test  ## ruff (lint and format) and mypy (types of generator/)
	$(VENV)/bin/ruff check generator tests benchmarks
	$(VENV)/bin/ruff format --check generator tests benchmarks
	$(VENV)/bin/mypy

test: lint debian-packages  ## lint, then every test (builds real sites, serves them with nginx, opens them in Chromium)
	$(PY) -m pytest

sample: $(VENV)/.installed  ## remake the built-in sample data (needs ../shared/wilayah)
	$(PY) -m generator sample --wilayah ../shared/wilayah --kabupaten 63.10 --out data

VILLAGES ?= 83762
REPEAT ?= 1
bench: $(VENV)/.installed-bench  ## our build against plain MkDocs on VILLAGES pages (default all), REPEAT times (needs ../shared/wilayah)
	$(PY) benchmarks/bench.py --villages $(VILLAGES) --repeat $(REPEAT)

clean:
	rm -rf build site .pytest_cache
