# Two commands on a fresh machine with python3 and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test demo bench clean

run: $(INSTALLED)  ## crawl the sources in sources.yaml into var/ and public/
	$(BIN)/jobfeed crawl --sources sources.yaml --db var/jobfeed.db --out public

test: $(INSTALLED)  ## run the test suite
	$(BIN)/python -m pytest

demo: $(INSTALLED)  ## crawl the bundled pages from a local server, no network needed
	$(BIN)/jobfeed demo

bench: $(INSTALLED)  ## benchmarks on 127.0.0.1 (bench/run.py); BENCH_ARGS=--full for the full sizes
	$(BIN)/python -m bench $(BENCH_ARGS)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
