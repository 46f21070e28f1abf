# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
SWIFT ?= swift
BIN = .build/debug/bulletin
DEMO = demo
TODAY ?= 2026-11-22

.PHONY: deps build demo test bench clean

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
	echo; echo "Results are in $(DEMO)/outbox (open index.html for the overview; bulletin verify --outbox $(DEMO)/outbox checks the audit trail): bulletins/, annual/ (annual list and quarterly shortlist), stats/, logs/, archive/, quarantine/ (exit code $$rc: 1 means some sample files were refused, as two are meant to be)."; \
	[ $$rc -le 1 ]

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Benchmarks (release build): DOCX forms against python-docx, CSV/XLSX rows against csv/openpyxl.
bench: deps
	$(SWIFT) build -c release --scratch-path .build-release
	@python3 -c "import docx, openpyxl" 2>/dev/null || pip install -q python-docx openpyxl
	python3 tools/bench_docx.py --forms $(or $(FORMS),200)
	python3 tools/bench_tabular.py --rows $(or $(ROWS),10000)

clean:
	rm -rf .build .build-release $(DEMO)
