#!/usr/bin/env bash
# Regenerates graphs/ from fixtures/: the exports, pictures and report the README points to.
# This is the one list of what is made and with which options: `make graphs` (and `make demo`)
# run it, and the test GraphsFolderTests runs it into a scratch folder and compares the files
# with the committed ones.
#
# Usage: scripts/graphs.sh CONCEPTGRAPH_BINARY OUTPUT_FOLDER
# Without Graphviz only the exports are written (the pictures and the report need it).
set -euo pipefail

if (($# != 2)); then
    echo "usage: $0 CONCEPTGRAPH_BINARY OUTPUT_FOLDER" >&2
    exit 2
fi
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/fixtures.sqlite"

# From the package root, so the store records the inputs as fixtures/….
cd "$root"
"$bin" build fixtures --db "$db" --quiet

"$bin" export --db "$db" --format dot -o "$out/seed.dot"
"$bin" export --db "$db" --format graphml -o "$out/seed.graphml"
"$bin" export --db "$db" --format json -o "$out/seed.json"

if ! command -v neato >/dev/null 2>&1; then
    echo "graphs: Graphviz is not installed (apt-get install graphviz): clusters.svg, icl-gd.svg and report.html not written" >&2
    exit 0
fi
# The render defaults (neato; each node's 3 strongest links; 6 outside papers around a cluster)
# are the slide defaults: the options here only choose what to draw.
"$bin" render --db "$db" --graph clusters -o "$out/clusters.svg"
"$bin" render --db "$db" --paper "Transformers learn in-context by gradient descent" -o "$out/icl-gd.svg"
"$bin" report --db "$db" -o "$out/report.html"
