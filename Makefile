# EvidenceKit: the README's two commands are `make demo` and `make test`.
# Both install what is missing first (Debian packages; sudo only when not root), then build.

SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
BIN := .build/debug/evidence
DEMO_OUT ?= $(CURDIR)/.build/demo

# C libraries (and the tools the tests compare against), from Debian's packages:
#   libarchive-dev    zip/tar reading and writing (bundles, OFD invoices)
#   libmagic-dev      content type detection (+ libmagic-mgc, its database)
#   libpng-dev        PNG integrity (every chunk decoded, CRCs checked)
#   libjpeg-dev       JPEG integrity (libjpeg-turbo, full entropy decode)
#   libexif-dev       EXIF capture time, camera, GPS presence
#   libqpdf-dev       PDF structure, encryption, page count
#   pkg-config        finds libarchive and libmagic for SwiftPM
#   libarchive-tools  bsdtar, zip, unzip: third-party readers used by the tests
#   python3-venv      bagit-python in a private virtual environment (interoperability tests)
APT_PACKAGES := libarchive-dev libmagic-dev libmagic-mgc libpng-dev libjpeg-dev libexif-dev \
                libqpdf-dev pkg-config libarchive-tools zip unzip
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test bench clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

demo: build
	@echo "== evidence inspect Samples/ =="
	$(BIN) inspect Samples/
	@for d in Samples/*/; do \
	  echo "== evidence check $$d =="; \
	  $(BIN) check "$$d"; rc=$$?; \
	  if [ $$rc -ne 0 ] && [ $$rc -ne 3 ]; then echo "check $$d failed with exit $$rc"; exit $$rc; fi; \
	done
	@mkdir -p $(DEMO_OUT)
	@echo "== evidence pack Samples/quality-earbuds =="
	$(BIN) pack Samples/quality-earbuds -o $(DEMO_OUT)/quality-earbuds.zip --force
	@echo "The bundle is at $(DEMO_OUT)/quality-earbuds.zip"
	@echo "== evidence verify $(DEMO_OUT)/quality-earbuds.zip =="
	$(BIN) verify $(DEMO_OUT)/quality-earbuds.zip

test: deps
	$(SWIFT) build $(BUILD_FLAGS)
	$(SWIFT) test $(BUILD_FLAGS)

# make bench: release build, a generated corpus (.build/bench-corpus, ~4 GiB, removed at the
# end), our commands side by side with openssl, bagit-python + zip, bsdtar, unzip and file.
# Needs the package `time` (/usr/bin/time -v) besides make deps; bagit-python goes into a
# private environment under .build/bench-venv (a plain venv, or pip --target when the system
# Python has no venv module). See Docs/PERFORMANCE.md. BENCH_FLAGS are passed to the script.
BENCH_VENV := .build/bench-venv
BENCH_FLAGS ?=
bench: deps
	@dpkg-query -W -f='$${Status}' time 2>/dev/null | grep -q "install ok installed" || { \
	  echo "Installing: time"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq time; }
	@if [ ! -x $(BENCH_VENV)/bin/bagit.py ]; then \
	  echo "Installing bagit-python into $(BENCH_VENV)"; \
	  if python3 -m venv $(BENCH_VENV) 2>/dev/null && [ -x $(BENCH_VENV)/bin/pip ]; then \
	    $(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check bagit; \
	  else \
	    rm -rf $(BENCH_VENV); mkdir -p $(BENCH_VENV)/bin; \
	    python3 -m pip install --quiet --disable-pip-version-check --target $(BENCH_VENV)/lib bagit && \
	    printf '#!/bin/sh\nPYTHONPATH="%s" exec python3 "%s" "$$@"\n' "$(CURDIR)/$(BENCH_VENV)/lib" \
	      "$(CURDIR)/$(BENCH_VENV)/lib/bin/bagit.py" > $(BENCH_VENV)/bin/bagit.py && chmod +x $(BENCH_VENV)/bin/bagit.py; \
	  fi; \
	fi
	$(SWIFT) build -c release
	Benchmarks/run.sh $(BENCH_FLAGS)

clean:
	rm -rf .build
