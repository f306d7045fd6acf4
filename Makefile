# The two commands of the README: `make demo` runs the main job on fixtures/ and regenerates graphs/,
# `make test` runs the tests. `make graphs` only regenerates graphs/ (scripts/graphs.sh says what is in it).
SWIFT ?= swift
DB ?= conceptgraph.sqlite
BIN = .build/release/conceptgraph

.PHONY: demo test setup build graphs

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product conceptgraph

graphs: build
	bash scripts/graphs.sh $(BIN) graphs

demo: build
	$(BIN) build fixtures --db $(DB)
	bash scripts/graphs.sh $(BIN) graphs
	$(BIN) clusters --db $(DB)
	$(BIN) related "Transformers learn in-context by gradient descent" --db $(DB)
	$(BIN) show "Transformers learn in-context by gradient descent" --db $(DB)

test: setup
	$(SWIFT) test
