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

.PHONY: deps build demo test clean fuzz fuzz-build

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

# Fuzzing (Docs/SECURITY.md): libFuzzer + AddressSanitizer, shipped with Swift on Linux.
# `make fuzz SECONDS=N` runs each target N seconds; `TARGETS="png jpeg"` picks some.
# Grown corpora, crash files and logs stay in .build-fuzz/ (not committed); a crash found is
# minimised and committed under Fuzz/regressions/TARGET/, which `make test` replays.
# Swift's own crash backtracer is turned off so that libFuzzer sees the trap directly (and
# -minimize_crash=1 works).
SECONDS ?= 60
TARGETS ?= verify case rules png jpeg heif video pdf zip text
FUZZ_DIR := .build-fuzz
FUZZ_BIN := $(FUZZ_DIR)/debug/evidence-fuzz
FUZZ_BUILD_FLAGS := -c debug --product evidence-fuzz --scratch-path $(FUZZ_DIR) \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xcc -fsanitize=fuzzer-no-link,address
FUZZ_OPTIONS ?= -timeout=30 -rss_limit_mb=2048 -print_final_stats=1

fuzz-build: deps
	$(SWIFT) build $(FUZZ_BUILD_FLAGS)

fuzz: fuzz-build
	@set -o pipefail; failed=""; for t in $(TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/artifacts/$$t $(FUZZ_DIR)/logs; \
	  dirs="$(FUZZ_DIR)/corpus/$$t Fuzz/seeds/$$t"; \
	  [ -d Fuzz/regressions/$$t ] && dirs="$$dirs Fuzz/regressions/$$t"; \
	  echo "== fuzz $$t for $(SECONDS) s =="; \
	  SWIFT_BACKTRACE=enable=no EVIDENCE_FUZZ_TARGET=$$t $(FUZZ_BIN) $$dirs -max_total_time=$(SECONDS) $(FUZZ_OPTIONS) \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t/ 2>&1 | tee $(FUZZ_DIR)/logs/$$t-$$(date -u +%Y%m%dT%H%M%S).log \
	    | grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|stat::|ERROR|SUMMARY|Test unit written" || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "Crashes (see $(FUZZ_DIR)/artifacts/):$$failed"; exit 1; fi

clean:
	rm -rf .build $(FUZZ_DIR)
