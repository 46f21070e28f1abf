# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
SWIFT ?= swift
BIN = .build/debug/bulletin
DEMO = demo

.PHONY: deps pydeps lint build demo test release bench bench-floors bench-nightly clean

# System libraries through pkg-config; installed with apt-get when missing (as root, or with sudo).
deps:
	@missing=""; \
	pkg-config --exists libzip || missing="$$missing libzip-dev"; \
	pkg-config --exists libxml-2.0 || missing="$$missing libxml2-dev"; \
	pkg-config --exists sqlite3 || missing="$$missing libsqlite3-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

# openpyxl, for the scripted reviewer that fills review sheets (tools/demo_review.py) in the demo and the tests.
pydeps:
	@python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl

# The whole monthly cycle over a copy of samples/: the nightly batch, then each review step's sheets filled by
# a scripted reviewer and dropped back into the inbox, through to an approved bulletin (tools/demo_cycle.sh).
# `make demo PROFILE=zhejiang` walks the Zhejiang samples through 遴选评价 → 现场调研 → 审定 to the 月报.
PROFILE ?= sichuan
demo: build pydeps
	@PROFILE=$(PROFILE) bash tools/demo_cycle.sh $(BIN) $(DEMO)

# The build and the tests keep their temporary files under .build/tmp (the compiler's and the tests' alike), which
# is removed at the end, so a test run leaves nothing in the system's temporary folder.
TEST_TMP = $(CURDIR)/.build/tmp
test: deps pydeps lint
	@mkdir -p $(TEST_TMP)
	TMPDIR=$(TEST_TMP) $(SWIFT) build --build-tests
	TMPDIR=$(TEST_TMP) $(SWIFT) test --skip-build; rc=$$?; rm -rf $(TEST_TMP); exit $$rc

# Fails on merge-conflict markers left in tracked files; .swift-format bans force-unwrap and try! in the sources,
# and this fails on any such finding (other rules only advise).
lint:
	@markers=$$(git grep -nE '^(<<<<<<< |>>>>>>> |=======$$)' -- ':!*.sqlite' 2>/dev/null); \
	if [ -n "$$markers" ]; then echo "$$markers"; echo "merge-conflict markers left in tracked files"; exit 1; fi
	@if command -v swift-format >/dev/null 2>&1 || $(SWIFT) format --version >/dev/null 2>&1; then \
	  found=$$($(SWIFT) format lint -r Sources 2>&1 | grep -E 'NeverForceUnwrap|NeverUseForceTry|NeverUseImplicitlyUnwrappedOptionals'); \
	  if [ -n "$$found" ]; then echo "$$found"; echo "force-unwrap or try! in Sources (banned by .swift-format)"; exit 1; fi; \
	else echo "swift-format not found; lint skipped"; fi

# Benchmarks (release build), each an interleaved run with ratios: realistic DOCX forms against python-docx and
# a C floor (libzip + libxml2), with label variants; 20,000 CSV/XLSX rows against a bare Python csv read; a whole
# `bulletin run` of those 20,000 CSV rows (per stage) against the same read.
# BASELINE=path/to/other/bulletin runs another build side by side (before/after).
# `make bench-nightly`: the nightly run over a growing library (1,000 rows a month for 12 months; MONTHS=24 runs
# past the match window, DECIDE=不通过 returns every sheet decided so the backlog stays a month deep).
# `make bench-floors`: one `bulletin run` of the 20,000 rows beside what the C libraries alone spend on the bytes it
# leaves (SQLite building the same library, zlib packing the same sheets, the backup's copy): the floor of that run.
BENCH_BASELINE = $(if $(BASELINE),--baseline $(BASELINE))

# The binary to deploy: optimised, with the Swift runtime and Foundation linked in (--static-swift-stdlib), so the
# machine that runs the nightly batch needs only the system libraries (libzip, libxml2, libsqlite3) and not a Swift
# toolchain, and no run pays for loading the Swift shared libraries. The benchmarks measure this binary.
RELEASE_BUILD = $(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-release
release: deps
	$(RELEASE_BUILD)
	@echo "built .build-release/release/bulletin"

bench: deps
	$(RELEASE_BUILD)
	@python3 -c "import docx, openpyxl" 2>/dev/null || pip install -q python-docx openpyxl
	python3 tools/bench_docx.py --forms $(or $(FORMS),400) --variants $(or $(VARIANTS),200) $(BENCH_BASELINE)
	python3 tools/bench_tabular.py --rows $(or $(ROWS),20000) $(BENCH_BASELINE)
	python3 tools/bench_run.py --rows $(or $(ROWS),20000) --stages $(BENCH_BASELINE)

bench-floors: deps
	$(RELEASE_BUILD)
	python3 tools/bench_floors.py --rows $(or $(ROWS),20000)

bench-nightly: deps
	$(RELEASE_BUILD)
	python3 tools/bench_nightly.py --months $(or $(MONTHS),12) --rows $(or $(ROWS),1000) $(if $(DECIDE),--decide $(DECIDE)) $(BENCH_BASELINE)

clean:
	rm -rf .build .build-release $(DEMO)
