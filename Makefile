# `make demo` and `make test` work on a fresh Debian machine with only the Swift toolchain:
# both install what is missing (Debian -dev packages, the interop venv) first.
SHELL := /bin/bash
SWIFT ?= swift
VENV := .venv
PY := $(VENV)/bin/python
DEB_PACKAGES := libzmq3-dev libfftw3-dev libzstd-dev libsqlite3-dev libpng-dev pkg-config python3-venv iproute2
PY_PACKAGES := starfile mrcfile numpy zstandard pyzmq
REAL := ../shared/data/real
PROCESS_TESTS := TomoCatalogTests|TomoMonitorTests|TomoTransportTests|TomoClassifier

.PHONY: demo test setup deps venv build release bench clean

setup: deps venv

deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

venv: $(VENV)/.ok

$(VENV)/.ok:
	@python3 -m venv $(VENV) || (echo "python3 -m venv failed: install python3-venv" && false)
	$(VENV)/bin/pip install -q --disable-pip-version-check $(PY_PACKAGES)
	@touch $@

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: setup
	bash scripts/compose-check.sh
	$(SWIFT) build --build-tests
	@# Multi-process tests (services, sockets, leases) run first and alone, so the heavy numerical
	@# suites cannot starve their heartbeats on a 2-core machine; then everything else.
	$(SWIFT) test --skip-build --filter '$(PROCESS_TESTS)'
	$(SWIFT) test --skip-build --skip '$(PROCESS_TESTS)'

demo: deps release
	@bash scripts/demo.sh

bench: setup release
	@bash scripts/bench.sh

clean:
	rm -rf .build demo-out bench-out
