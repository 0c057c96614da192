# Two entry points for a fresh clone (see README):
#   make demo  - set up a virtualenv, build the graph from examples/, print saved-query answers
#   make test  - set up a virtualenv with every extra, lint, type-check and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= ./graphkit-data

.PHONY: demo test lint typecheck fonts corpus eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.core: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

# torch is pinned to 2.13.0 in the ckip extra: this machine's pip takes a local CPU build of
# it; installing it first keeps pip from resolving a CUDA build for transformers.
$(VENV)/.dev: $(VENV)/.core
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,pdf,notebook,ckip]'
	touch $@

demo: $(VENV)/.core
	rm -rf $(STORE)-demo
	$(BIN)/graphkit build examples/*.txt --store $(STORE)-demo
	$(BIN)/graphkit query agencies-by-technology --param technology=SiC --store $(STORE)-demo
	$(BIN)/graphkit query programmes-of-agency --param agency=工研院 --store $(STORE)-demo
	$(BIN)/graphkit stats --store $(STORE)-demo

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy

# The notebook's plots need a font with Chinese glyphs; install Debian's when we can (CI runs as
# root), otherwise say why the plot tests will skip.
fonts:
	@fc-list :lang=zh 2>/dev/null | grep -q . || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	    { apt-get update -qq && apt-get install -y -qq fonts-wqy-zenhei >/dev/null; } ; } || \
	  echo "graphkit: no CJK font found; plot tests will skip (apt-get install fonts-wqy-zenhei)"

test: lint typecheck fonts
	$(BIN)/pytest

# Build from the real corpus beside the clone and score it against the development gold.
corpus: $(VENV)/.core
	$(BIN)/graphkit build ../shared/corpus/*.txt --store $(STORE)
	$(BIN)/graphkit query agencies-by-technology --param technology=SiC --store $(STORE)

eval: corpus
	$(BIN)/graphkit eval --gold ../shared/gold --documents ../shared/corpus/other --store $(STORE)

# Speed, memory and scaling on the real corpus beside the bert-base NER baseline (≈10 min);
# results in benchmarks/results/latest.md. `--quick` runs a one-minute smoke version.
bench: $(VENV)/.dev
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) $(STORE) $(STORE)-demo .pytest_cache .mypy_cache .ruff_cache
