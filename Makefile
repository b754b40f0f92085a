# Podium — every task a developer or CI needs, from a fresh Debian machine with only Swift.
#   make run    the main job (installs what it needs, builds, runs)
#   make test   the whole suite: unit, property, interop, sanitizer and leak checks
SHELL := /bin/bash
.DEFAULT_GOAL := help

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# What building and running needs; what the tests add (sqlite3 for the locked-database test,
# valgrind, venv for the Python checkers, Chromium for the pages).
RUN_PACKAGES := libical-dev pkg-config libsqlite3-dev zlib1g-dev
TEST_PACKAGES := $(RUN_PACKAGES) sqlite3 valgrind python3-venv chromium chromium-driver poppler-utils msmtp
VENV := .venv
PYTHON := $(VENV)/bin/python
SWIFT_FLAGS :=
DATABASE ?= podium.sqlite

.PHONY: report report-check help deps deps-run install-packages venv build run test unit e2e tsan memcheck lint format goldens feeds bench clean windows-zones reliability reliability-quick fuzz fuzz-quick

help:
	@echo "make run       build and run Podium (database: $(DATABASE))"
	@echo "make test      build and run every test, the sanitizer and the leak check"
	@echo "make unit      swift test only (with the interop parsers)"
	@echo "make e2e       real server + vdirsyncer subscriber + headless Chromium"
	@echo "make tsan      the libical concurrency stress test under ThreadSanitizer"
	@echo "make memcheck  10,000 build/serialise/parse/free rounds under valgrind"
	@echo "make lint      swift format lint --strict"
	@echo "make fuzz      libFuzzer on the input readers, 10 million executions"
	@echo "make reliability  kills during writes, concurrent writers (long runs)"
	@echo "make goldens   rewrite golden files (review the diff before committing)"
	@echo "make report    render the Phú Yên 2024 yearly report into calendars/phu-yen-2024/"

# System packages, installed only when missing (apt-get update first if apt knows none).
deps-run:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(RUN_PACKAGES)"

deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(TEST_PACKAGES)"

install-packages:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get install -y -q $$missing >/dev/null 2>&1 || \
	    { $(SUDO) apt-get update -q >/dev/null && $(SUDO) apt-get install -y -q $$missing >/dev/null; }; \
	fi

# The independent parsers and clients, pinned, in a virtualenv.
$(VENV)/.installed: Tests/interop/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r Tests/interop/requirements.txt
	touch $@

venv: $(VENV)/.installed

build: deps-run
	swift build $(SWIFT_FLAGS)

# The server on the sample province: a fresh database is seeded from the Phú Yên 2024 plan
# when empty; the sample is a 2024 plan, so the server answers as of 1 June 2024.
run: build
	swift run $(SWIFT_FLAGS) podium serve --database $(DATABASE) --seed calendars/phu-yen-2024/plan.yaml \
	  --hostname 127.0.0.1 --port 8080 --as-of 2024-06-01T00:00:00Z

unit: deps venv
	swift build $(SWIFT_FLAGS)
	PODIUM_PYTHON=$(abspath $(PYTHON)) swift test $(SWIFT_FLAGS)

test: unit e2e report-check reliability-quick tsan memcheck fuzz-quick lint

# A real server, a real subscriber (vdirsyncer) and a real browser (headless Chromium, driven by
# Selenium through chromium-driver) that opens every link of every page and runs axe-core on it.
e2e: deps venv
	swift build $(SWIFT_FLAGS)
	$(PYTHON) Tests/e2e/subscribe_e2e.py .build/debug/podium $(VENV)/bin
	$(PYTHON) Tests/e2e/tour_e2e.py .build/debug/podium
	$(PYTHON) Tests/e2e/crawl_e2e.py .build/debug/podium
	$(PYTHON) Tests/e2e/auth_e2e.py .build/debug/podium
	$(PYTHON) Tests/e2e/workspace_e2e.py .build/debug/podium
	$(PYTHON) Tests/e2e/report_e2e.py .build/debug/podium
	$(PYTHON) Tests/e2e/answers_e2e.py .build/debug/podium
	$(PYTHON) Tests/e2e/mail_e2e.py .build/debug/podium
	$(PYTHON) Tests/e2e/publish_e2e.py .build/debug/podium
	$(PYTHON) Tests/e2e/api_e2e.py .build/debug/podium $(VENV)/bin --max-examples 20

# Crash safety and concurrent writers, bounded for make test (each prints its seed).
reliability-quick: deps venv
	swift build $(SWIFT_FLAGS)
	$(PYTHON) Tests/reliability/crash_kill.py --binary .build/debug/podium --rounds 10
	$(PYTHON) Tests/reliability/concurrent_writers.py --binary .build/debug/podium --clients 10 --writes 30

# The long runs: 100 kills per kind, 50 clients × 200 writes, schemathesis at 100 examples per
# operation; each leaves its numbers in .build/reliability/ and RELIABILITY.md's table is
# rewritten from them (tools/reliability_report.py).
reliability: deps venv
	swift build $(SWIFT_FLAGS)
	$(PYTHON) Tests/reliability/crash_kill.py --binary .build/debug/podium --rounds 100 --summary .build/reliability/crash.json
	$(PYTHON) Tests/reliability/concurrent_writers.py --binary .build/debug/podium --clients 50 --writes 200 --summary .build/reliability/concurrency.json
	$(PYTHON) Tests/e2e/api_e2e.py .build/debug/podium $(VENV)/bin --max-examples 100 --summary .build/reliability/schemathesis.json
	python3 tools/reliability_report.py

# libFuzzer + AddressSanitizer on the input readers (iCalendar, import, plan YAML, RRULE), in
# their own small package (Tests/Fuzz): about 20 s each in make test; make fuzz runs at least
# 10 million executions (about 2.5 h on 2 cores). A crash becomes a named regression fixture.
fuzz-quick: deps-run
	Tests/Fuzz/run.sh quick

fuzz: deps-run
	Tests/Fuzz/run.sh long
	python3 tools/reliability_report.py

# The stress test lives in its own small package so only ICalendar is built with TSan.
tsan: deps
	cd Tests/ThreadSanitizer && swift test --sanitize=thread

memcheck: deps
	swift build -c release --product ICalendarSoak
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  --show-leak-kinds=definite,indirect --error-exitcode=99 .build/release/ICalendarSoak 10000

lint:
	swift format lint --strict --recursive Package.swift Sources Tests

format:
	swift format --in-place --recursive Package.swift Sources Tests

# The sample province's yearly report (docs/outcomes.md), committed under calendars/phu-yen-2024/;
# report-check fails when the committed files differ from what the code renders now.
report: build
	tools/render_report.sh .build/debug/podium calendars/phu-yen-2024

report-check: build
	@tmp=$$(mktemp -d); tools/render_report.sh .build/debug/podium $$tmp >/dev/null; \
	for f in html csv json; do \
	  cmp -s $$tmp/report-2024.$$f calendars/phu-yen-2024/report-2024.$$f || \
	    { echo "calendars/phu-yen-2024/report-2024.$$f is stale: run make report and commit"; rm -rf $$tmp; exit 1; }; \
	done; rm -rf $$tmp; echo "ok   the committed 2024 report matches the code"

# Regenerates the Windows → IANA time-zone table from CLDR (Debian's unicode-cldr-core).
windows-zones:
	@$(MAKE) --no-print-directory install-packages PACKAGES="unicode-cldr-core"
	python3 tools/windows_zones.py

# Rewrites golden files, including the sample calendars' feeds (review the diff).
goldens: deps
	RECORD_GOLDENS=1 swift test --filter "golden|Golden"

feeds: goldens

# Benchmarks, not tests: release build, then bench/run.sh (see BENCHMARKS.md).
bench: deps venv
	$(SUDO) apt-get install -y -q wrk nginx hyperfine time >/dev/null
	$(VENV)/bin/pip install -q -r bench/requirements.txt
	swift build -c release --product podium
	swift build -c release --product PodiumBench
	bench/run.sh

clean:
	rm -rf .build .build-tsan Tests/Fuzz/.build $(VENV)
