# docgen / DecisionGraph docs. Each target sets up what it needs on a fresh machine.
#   make site   build the site into site/ (strict)
#   make test   ruff, mypy and pytest (installs Graphviz, Elixir and Chromium if it can)
#   make serve  live-editing server on http://127.0.0.1:8000/
#   make bench  speed benchmarks (bench/*_bench.py), on demand; not part of make test
#   make fuzz   every property test with many new examples (minutes); failures are kept
#               in .hypothesis/ (ignored by git) and replayed first on the next run
# ENGINE=zensical builds or serves the same site with Zensical (default: mkdocs).

VENV := .venv
BIN := $(VENV)/bin
# Material prints a multi-line MkDocs 2.0 notice on every build; keep logs readable.
export NO_MKDOCS_2_WARNING := 1
ENGINE ?= mkdocs
ifeq ($(filter $(ENGINE),mkdocs zensical),)
$(error ENGINE must be mkdocs or zensical, not '$(ENGINE)')
endif

.PHONY: site test serve venv lint typecheck pytest bench fuzz clean

venv:
	@scripts/venv.sh

site: venv
	@scripts/system-packages.sh graphviz
ifeq ($(ENGINE),zensical)
	@# Zensical's --strict counts its own warnings, not Python's: docgen check is the gate.
	$(BIN)/zensical build --clean --strict
	$(BIN)/docgen check
else
	$(BIN)/mkdocs build --strict
endif

serve: venv
	@scripts/system-packages.sh graphviz
ifeq ($(ENGINE),zensical)
	DOCGEN_MACROS_FAIL=false $(BIN)/zensical serve --dev-addr 127.0.0.1:8000
else
	DOCGEN_MACROS_FAIL=false $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000
endif

test: venv
	@scripts/system-packages.sh --optional graphviz elixir chromium git
	$(MAKE) --no-print-directory lint typecheck pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/pytest

fuzz: venv
	@scripts/system-packages.sh --optional graphviz
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -m hypothesis --hypothesis-show-statistics -q

bench: venv
	@for script in bench/*_bench.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache .hypothesis
