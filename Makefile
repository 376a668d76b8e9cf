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
#   libwebp-dev       WebP integrity (libwebp decodes every frame; libwebpdemux reads the container)
#   libgif-dev        GIF integrity (giflib decodes every frame's LZW data)
#   libtesseract-dev  OCR of screenshots (Tesseract 5's C API) + libleptonica-dev (its image
#                     library: decoding, grey, scaling), with the language data
#                     tesseract-ocr-chi-sim and tesseract-ocr-eng
#   libpoppler-glib-dev  PDF text layer; scanned pages rendered (cairo) for OCR
#   libssl-dev        RFC 3161 seals: requests, responses and their verification (OpenSSL's TS_*
#                     API), and openssl itself, which the tests' local timestamp authority and
#                     the docs' `openssl ts -verify` check run
#   libcurl4-openssl-dev  the HTTP POST to a timestamp authority (CURL_DEV below: any libcurl
#                     development package already installed is kept, e.g. the one libtesseract-dev
#                     pulled in, since the -dev flavours of libcurl exclude one another)
#   pkg-config        finds libarchive and libmagic for SwiftPM
#   libarchive-tools  bsdtar, zip, unzip: third-party readers used by the tests
#   python3-venv      the private Python environment below (.build/venv)
#   jq                the README's agent example (its commands are run by DocsExamplesTests)
#   curl              the benchmark's seal row (one request to its local timestamp authority)
#   file, time        the benchmark (`file --mime-type` is a compared tool, /usr/bin/time -v
#                     measures peak memory); the benchmark smoke test in `make test` runs both
#   tesseract-ocr     the `tesseract` command, only for the benchmark's read rows (our OCR vs
#                     it on the same screenshots); the library links libtesseract directly
#   libheif-dev       HEIC/HEIF decoding for `export`, only in the resource-limited evidence-heif-decode process
#   libpango1.0-dev   the evidence PDF of `export`, typeset with Pango on Cairo (+ libcairo2-dev, its PDF
#                     surface; fonts-noto-cjk, the Chinese fonts it is set in)
#   poppler-utils     pdftotext, pdfinfo, pdftoppm: the export tests read, count and render the evidence PDF
#   jpeginfo, pngcheck, qpdf  the benchmark's "type and integrity" row: what a careful user runs
#                     instead of `inspect` (`file --mime-type`, then `jpeginfo -c`, `pngcheck`,
#                     `qpdf --check` by type)
#   libsqlite3-dev    SQLite, the desk's default database (GRDB links the system's libsqlite3)
#   postgresql        the real PostgreSQL the desk tests start themselves (initdb/pg_ctl in a
#                     temporary folder, as the unprivileged `postgres` user when run as root)
#   chromium, chromium-driver  the browser tests of `evidence serve`'s pages and of the desk
#                     (Tests/Python): Debian's headless Chromium driven by Selenium through
#                     /usr/bin/chromedriver
#   fonts-noto-cjk    Chinese glyphs for those pages, their screenshots and the export PDF
APT_PACKAGES := libarchive-dev libmagic-dev libmagic-mgc libpng-dev libjpeg-dev libexif-dev \
                libqpdf-dev libwebp-dev libgif-dev \
                libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-eng libpoppler-glib-dev libssl-dev openssl \
                pkg-config libarchive-tools zip unzip jq \
                python3-venv file time curl \
                tesseract-ocr jpeginfo pngcheck qpdf \
                libheif-dev libpango1.0-dev libcairo2-dev fonts-noto-cjk poppler-utils \
                libsqlite3-dev postgresql chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CURL_DEV := libcurl4-openssl-dev

# Python tools the tests and the benchmark run against the real outputs, from PyPI into one
# private virtual environment with pinned versions (never the system Python; the tests and
# Tests/interop/run.sh make it with `make venv` when it is missing, nothing installs elsewhere):
#   jsonschema      validates every --json output and evidence.json against Docs/json/*.schema.json
#   bagit           bagit-python, a third-party BagIt validator (interoperability tests)
#   bagit-profile   checks packed bundles against Docs/bagit-profile.json
#   Pillow          a third-party EXIF reader and image decoder for `pack --strip-location`: the
#                   tests write GPS into PNG/WebP test photos with it, read the stripped copies'
#                   EXIF back (no GPS IFD) and compare decoded pixels with the originals'
#   mcp             the official MCP Python SDK: Tests/Python/test_mcp.py drives `evidence mcp` with
#                   its stdio client (ClientSession) as an assistant would
#   pytest          runs the Python tests in Tests/Python (after `swift test`); 8.4 because
#                   schemathesis 4.32 does not run under pytest 9
#   schemathesis    property-based requests against `evidence serve`'s OpenAPI document
#                   (Tests/Python/test_serve_schemathesis.py)
#   selenium        drives Debian's chromium (chromium-driver) in the browser tests of the web app
#                   and the desk; 4.51 because 4.52 needs a newer certifi than the index serves
#   axe-selenium-python  axe-core's accessibility rules run on the web app's pages
#   pytest-timeout  a bound per Python test (--timeout=900 s): a hung browser, server or client
#                   fails its test with a stack dump instead of holding the run
VENV := .build/venv
PY_PACKAGES := jsonschema==4.26.0 bagit==1.9.0 bagit-profile==1.3.1 Pillow==13.0.0 mcp==2.3.0 pytest==8.4.2 schemathesis==4.32.5 \
               selenium==4.51.0 axe-selenium-python==2.1.6 pytest-timeout==2.4.0
VENV_STAMP := $(VENV)/.evidencekit-$(subst ==,-,$(subst $(eval) ,_,$(PY_PACKAGES)))
DOCS_LANGS := zh en

.PHONY: deps venv build demo test docs bench fuzz fuzz-build clean install uninstall serve

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	dpkg-query -W -f='$${Status} $${Package}\n' 'libcurl4-*-dev' 2>/dev/null | grep -q "install ok installed" \
	  || missing="$$missing $(CURL_DEV)"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

venv: $(VENV_STAMP)

$(VENV_STAMP):
	@mkdir -p .build
	@[ -x $(VENV)/bin/pip ] || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(PY_PACKAGES)
	@touch $@

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

demo: build
	@echo "== evidence inspect Samples/ =="
	$(BIN) inspect Samples/
	@for d in Samples/*/; do \
	  [ -f "$$d/case.yaml" ] || continue; \
	  echo "== evidence check $$d =="; \
	  $(BIN) check "$$d"; rc=$$?; \
	  if [ $$rc -ne 0 ] && [ $$rc -ne 3 ]; then echo "check $$d failed with exit $$rc"; exit $$rc; fi; \
	done
	@# A folder as a phone leaves it, no case file: roles and facts are read from the content.
	@echo "== evidence check --category quality Samples/phone-quality =="
	$(BIN) check --category quality Samples/phone-quality
	@mkdir -p $(DEMO_OUT)
	@echo "== evidence pack Samples/quality-earbuds =="
	$(BIN) pack Samples/quality-earbuds -o $(DEMO_OUT)/quality-earbuds.zip --force
	@echo "The bundle is at $(DEMO_OUT)/quality-earbuds.zip"
	@echo "== evidence verify $(DEMO_OUT)/quality-earbuds.zip =="
	$(BIN) verify $(DEMO_OUT)/quality-earbuds.zip

test: deps venv
	$(SWIFT) build $(BUILD_FLAGS)
	Scripts/swift-test-watch.sh $(SWIFT) test $(BUILD_FLAGS)
	EVIDENCE_BIN=$(CURDIR)/$(BIN) $(VENV)/bin/python -m pytest -q -p no:cacheprovider --timeout=900 Tests/Python

# Regenerates the generated parts of Docs/ (the per-category evidence chapter of the user
# guide, from the rules data) and builds the library's DocC archive with swift-docc-plugin.
# Running it twice changes nothing (DocsGeneratedTests fails when the committed chapter is stale).
docs: build
	@for lang in $(DOCS_LANGS); do \
	  $(BIN) rules --markdown --lang $$lang > Docs/evidence-by-category.$$lang.md.tmp && \
	  mv Docs/evidence-by-category.$$lang.md.tmp Docs/evidence-by-category.$$lang.md && \
	  echo "wrote Docs/evidence-by-category.$$lang.md"; \
	done
	@mkdir -p .build/docs
	$(SWIFT) package --allow-writing-to-directory .build/docs \
	  generate-documentation --target EvidenceKit --output-path .build/docs/EvidenceKit.doccarchive
	@echo "The DocC archive is at .build/docs/EvidenceKit.doccarchive"

# make bench: release build, a generated corpus (.build/bench-corpus, ~4 GiB, removed at the
# end), our commands side by side with openssl, bagit-python + zip, bsdtar, unzip and file.
# bagit-python is the pinned one in .build/venv (`make venv`); `file` and `time`
# (/usr/bin/time -v) come with `make deps`. See Docs/PERFORMANCE.md. BENCH_FLAGS are passed to
# the script.
BENCH_FLAGS ?=
# Only the products the benchmark runs: the test helper target uses @testable imports, which a
# release build of every target refuses ("not compiled for testing").
bench: deps venv
	$(SWIFT) build -c release --product evidence
	$(SWIFT) build -c release --product evidence-read-bench
	Benchmarks/run.sh $(BENCH_FLAGS)

# Fuzzing (Docs/SECURITY.md): libFuzzer + AddressSanitizer, shipped with Swift on Linux.
# `make fuzz SECONDS=N` runs each target N seconds; `TARGETS="png jpeg"` picks some.
# Grown corpora, crash files and logs stay in .build-fuzz/ (not committed); a crash found is
# minimised and committed under Fuzz/regressions/TARGET/, which `make test` replays.
# Swift's own crash backtracer is turned off so that libFuzzer sees the trap directly (and
# -minimize_crash=1 works).
SECONDS ?= 60
TARGETS ?= verify case rules png jpeg heif video pdf zip text webp gif seal
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

# `make serve`: builds and starts the web app from the checkout (cases in ~/证据 or ~/Evidence, or
# SERVE_FOLDER=...), printing its address and opening the browser when it can.
SERVE_FOLDER ?=
serve: build
	$(BIN) serve $(SERVE_FOLDER)

# `make install`: a release build of `evidence` (and its HEIC converter) with the Swift runtime and Foundation linked in
# statically (so it keeps running after .build/ is gone; the C libraries stay Debian's shared
# ones, which `make deps` installed), copied to $(PREFIX)/bin, and a desktop entry that starts the
# web app ("EvidenceKit 证据助手" in the applications menu). `make uninstall` removes both.
PREFIX ?= $(HOME)/.local
APPS_DIR ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/applications
install: deps
	$(SWIFT) build -c release --product evidence --static-swift-stdlib
	$(SWIFT) build -c release --product evidence-heif-decode --static-swift-stdlib
	install -d $(PREFIX)/bin $(APPS_DIR)
	@# evidence-heif-decode (the HEIC converter `export` runs in a resource-limited child process)
	@# must sit beside evidence.
	for b in evidence-heif-decode evidence; do \
	  install -m 755 .build/release/$$b $(PREFIX)/bin/$$b.tmp && mv -f $(PREFIX)/bin/$$b.tmp $(PREFIX)/bin/$$b || exit 1; \
	done
	sed -e 's|@BIN@|$(PREFIX)/bin/evidence|g' Packaging/evidencekit.desktop.in > $(APPS_DIR)/evidencekit.desktop.tmp
	mv -f $(APPS_DIR)/evidencekit.desktop.tmp $(APPS_DIR)/evidencekit.desktop
	@echo "Installed $(PREFIX)/bin/evidence and $(APPS_DIR)/evidencekit.desktop"
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "Add $(PREFIX)/bin to PATH to run 'evidence' from a terminal · 把 $(PREFIX)/bin 加入 PATH";; esac

uninstall:
	rm -f $(PREFIX)/bin/evidence $(PREFIX)/bin/evidence-heif-decode $(APPS_DIR)/evidencekit.desktop

clean:
	rm -rf .build $(FUZZ_DIR)
