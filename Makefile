# Two entry points for a fresh clone (see README):
#   make corpus - set up a virtualenv, build the graph from ../shared/corpus, answer the SiC question
#   make test   - set up a virtualenv with every extra, lint, type-check and run the test suite
# (make demo does what make corpus does on the samples in examples/.)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= ./graphkit-data

.PHONY: demo test lint typecheck fonts corpus eval bench mutation clean neo4j-dev bench-neo4j ner-model ner-cv crf-model crf-cv

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

# The statistical NER model (README, "The statistical NER option"): trained with spaCy on the
# gold articles of folds 0 and 1 (fold 2 stays held out), into the directory that
# schema/rules/ner.json names; the pipeline uses it only where that file enables it.
# ner-cv trains one model per fold and prints rules / model / rules+model per type (≈12 min).
WHITEPAPER ?= ../shared/corpus/moea-whitepaper-2025-2026.txt
ner-model: $(VENV)/.core
	$(BIN)/python -m graphkit.ner_train --gold ../shared/gold --document $(WHITEPAPER) --out schema/ner_model

ner-cv: $(VENV)/.core
	$(BIN)/python -m graphkit.ner_cv --gold ../shared/gold --document $(WHITEPAPER)

# The Technology CRF the pipeline ships (schema/crf/technology.crfsuite, trained on folds 0 and 1
# of the article gold, ≈1 min), and its cross-validation (one model per fold, ≈2 min).
crf-model: $(VENV)/.core
	$(BIN)/python -m graphkit.crf_train --gold ../shared/gold --document $(WHITEPAPER) --out schema/crf/technology.crfsuite

crf-cv: $(VENV)/.core
	$(BIN)/python -m graphkit.crf_train --gold ../shared/gold --document $(WHITEPAPER) --cv

# Speed, memory and scaling on the real corpus beside the bert-base NER baseline (≈10 min);
# results in benchmarks/results/latest.md. `--quick` runs a one-minute smoke version.
bench: $(VENV)/.dev
	$(BIN)/python -m benchmarks.run

# Mutation testing of read, segment and the loaders ([tool.mutmut] in pyproject.toml): prints
# the share of mutants killed per module. `mutmut browse` (or `mutmut show NAME`) shows survivors.
$(VENV)/.mutation: $(VENV)/.dev
	$(BIN)/pip install --quiet -e '.[mutation]'
	touch $@

# A clean start each time: mutmut keeps the verdicts of unchanged functions even when the tests
# changed, and records which tests reach a function only on a full run. MUTANTS picks the
# mutants to check by name pattern, one module at a time, e.g.
# `make mutation MUTANTS='graphkit.resolve.* graphkit.build.*'` (the others show as unchecked).
MUTANTS ?=
mutation: $(VENV)/.mutation
	rm -rf mutants
	GRAPHKIT_SHARED=$(abspath ../shared) $(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/python -m benchmarks.mutation

# The Neo4j 5.26 test server of neo4j-server/ (the one the live tests start) in the foreground:
# once it accepts connections it prints NEO4J_URI=..., NEO4J_USER=... and NEO4J_PASSWORD=...
# (shell-sourceable) and runs until interrupted; its data is deleted when it stops. The first
# build downloads Neo4j into ~/.m2 (about 160 MB); Maven's own output goes to stderr. The heap
# cap is the one tests/neo4j_server.py gives it.
NEO4J_DIR := neo4j-server

neo4j-dev:
	@command -v java >/dev/null && command -v mvn >/dev/null || \
	  { echo "graphkit: make neo4j-dev needs java (17 or later) and mvn on PATH" >&2; exit 1; }
	@mvn -q -B -o -f $(NEO4J_DIR)/pom.xml compile >&2 2>/dev/null || \
	  mvn -q -B -f $(NEO4J_DIR)/pom.xml compile >&2
	@exec java -Xmx2g -cp "$(NEO4J_DIR)/target/classes:$$(cat $(NEO4J_DIR)/target/classpath.txt)" \
	  graphkit.neo4j.Server --until-interrupted

# Push time and saved-query latency on the Neo4j test server (results in benchmarks/results/neo4j.md).
bench-neo4j: $(VENV)/.dev
	$(BIN)/python -m benchmarks.neo4j

clean:
	rm -rf $(VENV) $(STORE) $(STORE)-demo .pytest_cache .mypy_cache .ruff_cache mutants
