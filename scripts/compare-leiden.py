#!/usr/bin/env python3
"""Compare conceptgraph's Leiden clustering with leidenalg (PyPI) on the same graph.

Reads the paper graph from a conceptgraph store (the "shares concepts" edges and the citations
between corpus papers, with the weights `conceptgraph build` clusters on), runs leidenalg's
RBConfigurationVertexPartition (modularity with a resolution parameter) over several seeds, and
prints both modularities. A benchmark, not a test: run it after `conceptgraph build`.

    python3 -m venv .venv-bench && .venv-bench/bin/pip install igraph leidenalg
    .venv-bench/bin/python scripts/compare-leiden.py conceptgraph.sqlite
"""
import sqlite3
import sys

import igraph as ig
import leidenalg

CITATION_EDGE_WEIGHT = 0.3  # Store.citationEdgeWeight


def main(path):
    db = sqlite3.connect(path)
    ids = [row[0] for row in db.execute("SELECT id FROM paper ORDER BY id")]
    index = {pid: i for i, pid in enumerate(ids)}
    edges, weights = [], []
    for a, b, score in db.execute("SELECT a, b, score FROM similarity ORDER BY a, b"):
        edges.append((index[a], index[b]))
        weights.append(score)
    for a, b, confidence in db.execute(
            "SELECT citing, cited, confidence FROM citation WHERE cited IS NOT NULL ORDER BY id"):
        if a != b:
            edges.append((index[a], index[b]))
            weights.append(CITATION_EDGE_WEIGHT * confidence)
    info = dict(db.execute("SELECT name, value FROM graphInfo"))
    resolution = float(info.get("resolution", "1.0"))
    ours = float(info["modularity"])

    graph = ig.Graph(n=len(ids), edges=edges)
    graph.es["weight"] = weights
    results = []
    for seed in range(10):
        partition = leidenalg.find_partition(
            graph, leidenalg.RBConfigurationVertexPartition, weights="weight",
            resolution_parameter=resolution, seed=seed, n_iterations=-1)
        # igraph's modularity with the same resolution and weights, so both use one formula.
        results.append(graph.modularity(partition.membership, weights="weight", resolution=resolution))
    best, mean = max(results), sum(results) / len(results)
    print(f"graph: {len(ids)} papers, {len(edges)} edges, resolution {resolution}")
    print(f"conceptgraph Leiden (seed {info.get('seed')}): modularity {ours:.4f}")
    print(f"leidenalg, 10 seeds:                modularity mean {mean:.4f}, best {best:.4f}")
    print(f"ratio conceptgraph / leidenalg mean: {ours / mean:.4f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "conceptgraph.sqlite")
