# eventwire: the two set-up commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-all setup system-deps bench lint clean

$(BIN)/eventwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

setup: $(BIN)/eventwire

## Install eventwire and code the bundled example articles.
demo: setup
	$(BIN)/eventwire code examples/ --format table

## Install eventwire (and Chromium for the browser tests, when run as root) and run the tests.
test: setup system-deps
	$(BIN)/python -m pytest -q

## The slow suites too (SIGKILL resume, big benchmarks' smoke runs).
test-all: setup system-deps
	$(BIN)/python -m pytest -q --slow

system-deps:
	@sh scripts/system-deps.sh

bench: setup
	$(BIN)/eventwire bench --json

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
