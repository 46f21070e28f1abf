# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
SWIFT ?= swift
BIN = .build/debug/bulletin
DEMO = demo
TODAY ?= 2026-11-22

.PHONY: deps build demo test bench bench-nightly clean

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

# Runs the nightly batch over a copy of samples/ (dated an hour ago, as if dropped earlier in the day).
demo: build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)/inbox $(DEMO)/outbox
	@cp samples/*.docx samples/*.csv samples/*.json samples/*.jsonl $(DEMO)/inbox/
	@touch -d '-1 hour' $(DEMO)/inbox/*
	@$(BIN) run --inbox $(DEMO)/inbox --outbox $(DEMO)/outbox --today $(TODAY); rc=$$?; \
	echo; echo "Results are in $(DEMO)/outbox: bulletins/, annual/ (annual list and quarterly shortlist), stats/, logs/, archive/, quarantine/ (exit code $$rc: 1 means some sample files were refused, as two are meant to be)."; \
	[ $$rc -le 1 ]

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Benchmarks (release build), each an interleaved run with ratios: realistic DOCX forms against python-docx and
# a C floor (libzip + libxml2), with label variants; 20,000 CSV/XLSX rows against a bare Python csv read.
# BASELINE=path/to/other/bulletin runs another build side by side (before/after).
# `make bench-nightly`: the nightly run over a growing library (1,000 rows a month for 12 months).
BENCH_BASELINE = $(if $(BASELINE),--baseline $(BASELINE))
bench: deps
	$(SWIFT) build -c release --scratch-path .build-release
	@python3 -c "import docx, openpyxl" 2>/dev/null || pip install -q python-docx openpyxl
	python3 tools/bench_docx.py --forms $(or $(FORMS),400) --variants $(or $(VARIANTS),200) $(BENCH_BASELINE)
	python3 tools/bench_tabular.py --rows $(or $(ROWS),20000) $(BENCH_BASELINE)

bench-nightly: deps
	$(SWIFT) build -c release --scratch-path .build-release
	python3 tools/bench_nightly.py --months $(or $(MONTHS),12) --rows $(or $(ROWS),1000) $(BENCH_BASELINE)

clean:
	rm -rf .build .build-release $(DEMO)
