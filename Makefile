# The two commands of the README: `make demo` runs the main job on fixtures/, `make test` runs the tests.
SWIFT ?= swift
DB ?= conceptgraph.sqlite
BIN = .build/release/conceptgraph

.PHONY: demo test setup build

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product conceptgraph

demo: build
	$(BIN) build fixtures --db $(DB)
	$(BIN) clusters --db $(DB)
	$(BIN) related "Transformers learn in-context by gradient descent" --db $(DB)
	$(BIN) show "Transformers learn in-context by gradient descent" --db $(DB)

test: setup
	$(SWIFT) test
