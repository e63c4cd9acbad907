# Two entry points: `make demo` (set up, then parse and check the bundled sample)
# and `make test` (set up, then run the whole suite). Each builds its own venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo serve test bench bench-quick browser pure clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installing compiles the hot modules with mypyc (pyproject.toml): an edit to a source
# installs again, so the compiled modules are never older than the code.
SOURCES := $(shell find src -name '*.py')
# After `make pure`, installs leave the build hook out (until `make clean`).
HOOKS := $(if $(wildcard $(VENV)/.pure),HATCH_BUILD_NO_HOOKS=true)

$(VENV)/.demo: pyproject.toml $(SOURCES) | $(BIN)/python
	$(HOOKS) $(BIN)/pip install --quiet -e '.[web]'
	touch $@

$(VENV)/.dev: pyproject.toml $(SOURCES) | $(BIN)/python
	$(HOOKS) $(BIN)/pip install --quiet -e '.[web,dev]'
	touch $@

# The same package as plain Python: no C compiler needed, and edits run at once.
pure: | $(BIN)/python
	find src -name '*.so' -delete
	HATCH_BUILD_NO_HOOKS=true $(BIN)/pip install --quiet -e '.[web,dev]'
	touch $(VENV)/.pure $(VENV)/.dev $(VENV)/.demo

demo: $(VENV)/.demo
	$(BIN)/repertoire demo --db repertoire.db
	@echo "To browse it: make serve   (or: $(BIN)/repertoire serve --db repertoire.db)"

serve: $(VENV)/.demo
	$(BIN)/repertoire serve --db repertoire.db

# Debian's Chromium drives the browser test; Playwright never downloads a browser here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: the browser test will be skipped (apt-get install chromium)"; fi; }

test: $(VENV)/.dev browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# Reading speed against markdown-it-py, then the store's load and query figures
# (1,000 sections loaded, queries on 100,000 meetings; bench-quick for a smaller run),
# start-up against a bare interpreter, and the explorer under eight clients at once.
bench: $(VENV)/.dev
	$(BIN)/python benchmarks/read_bench.py
	$(BIN)/python benchmarks/store_bench.py
	$(BIN)/python benchmarks/official_bench.py
	$(BIN)/python benchmarks/startup_bench.py
	$(BIN)/python benchmarks/serve_bench.py
	$(BIN)/python benchmarks/hostile_bench.py
	$(BIN)/python benchmarks/texts_bench.py

bench-quick: $(VENV)/.dev
	$(BIN)/python benchmarks/read_bench.py
	$(BIN)/python benchmarks/store_bench.py --quick
	$(BIN)/python benchmarks/startup_bench.py 5
	$(BIN)/python benchmarks/serve_bench.py --sections 50 --seconds 10

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
	find src -name '*.so' -delete
