#!/usr/bin/env python3
"""End-to-end benchmark of the release binary: build time per stage, papers per second, peak
memory, database size, and query latency (p50/p99 of `related` and `concept`), per corpus size.

Kept out of the test suite on purpose: it takes minutes and its figures depend on the machine.

    swift build -c release --product conceptgraph
    python3 scripts/benchmark.py                       # 38,858 (real OAI quant-ph), 100k, 1M
    python3 scripts/benchmark.py --sizes 38858,100000  # a subset
    python3 scripts/benchmark.py --json results.json   # also write the raw figures

Size 38,858 is the real `arxiv-oaipmh-quantph` corpus read from its OAI XML files; larger sizes are
JSON-lines corpora written by `scripts/scale-corpus.py` (copies of those abstracts with distinct
ids), cached in the work directory. Prints a Markdown table for the README.
"""
import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("CONCEPTGRAPH_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
OAI = os.path.join(SHARED, "corpora", "arxiv-oaipmh-quantph", "xml")
REAL_SIZE = 38858


def machine():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
            if names:
                cpu = names[0]
    except OSError:
        pass
    memory = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
            memory = f"{kb / 2**20:.0f} GiB"
    except (OSError, AttributeError):
        pass
    return f"{os.cpu_count()} cores ({cpu}), {memory} RAM, {platform.system()} {platform.release()}"


def corpus(size, work):
    """The input for `size` papers: the real OAI files, or a cached scaled copy."""
    if size == REAL_SIZE:
        if not os.path.isdir(OAI):
            sys.exit(f"error: {OAI} not found (set CONCEPTGRAPH_SHARED)")
        return OAI
    path = os.path.join(work, f"scaled-{size}.jsonl")
    if not os.path.exists(path):
        print(f"writing {path} …", file=sys.stderr)
        with open(path + ".part", "w") as out:
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "scale-corpus.py"), OAI, str(size)],
                           stdout=out, check=True)
        os.rename(path + ".part", path)
    return path


def timed(command):
    """Runs `command` under /usr/bin/time -v; returns (stdout, wall seconds, peak RSS in MiB)."""
    started = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True)
    wall = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(command)} failed:\n{result.stderr[-2000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return result.stdout, wall, (int(rss.group(1)) / 1024 if rss else float("nan"))


def run(size, binary, work):
    source = corpus(size, work)
    db = os.path.join(work, f"bench-{size}.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    print(f"building {size:,} papers from {source} …", file=sys.stderr)
    out, wall, rss = timed([binary, "build", source, "--db", db, "--json", "--quiet"])
    report = json.loads(out)
    size_mb = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)) / 2**20
    print("measuring queries …", file=sys.stderr)
    queries = json.loads(subprocess.run([binary, "eval", "queries", "--db", db, "--json"],
                                        capture_output=True, text=True, check=True).stdout)
    latency = {q["query"]: q for q in queries["latencies"]}
    return {
        "size": size,
        "papers": report["ingest"]["papers"],
        "seconds": report["seconds"],
        "wall": wall,
        "peakMiB": rss,
        "databaseMiB": size_mb,
        "edges": report["link"]["similarityEdges"],
        "citations": report["link"]["citations"],
        "clusters": report["clusters"]["clusters"],
        "related": latency["related"],
        "concept": latency["concept"],
    }


STAGES = ["ingest", "index", "extract", "store", "link", "cluster"]


def table(results):
    stages = [s for s in STAGES if any(s in r["seconds"] for r in results)]
    head = ["papers"] + [f"{s} (s)" for s in stages] + ["total (s)", "papers/s", "peak memory", "database",
                                                         "related p50/p99 (ms)", "concept p50/p99 (ms)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        cells = [f"{r['papers']:,}"] + [f"{r['seconds'].get(s, 0):.1f}" for s in stages]
        cells += [f"{r['wall']:.1f}", f"{r['papers'] / r['wall']:,.0f}", f"{r['peakMiB'] / 1024:.2f} GiB",
                  f"{r['databaseMiB'] / 1024:.2f} GiB",
                  f"{r['related']['p50ms']:.1f} / {r['related']['p99ms']:.1f}",
                  f"{r['concept']['p50ms']:.1f} / {r['concept']['p99ms']:.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines), stages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=f"{REAL_SIZE},100000,1000000", help="comma-separated paper counts")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "conceptgraph"))
    parser.add_argument("--work", default="/tmp/conceptgraph-bench", help="where corpora and stores go")
    parser.add_argument("--json", help="also write the raw figures to this file")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"error: {args.binary} not found; run `swift build -c release --product conceptgraph` first")
    os.makedirs(args.work, exist_ok=True)
    results = [run(int(s), args.binary, args.work) for s in args.sizes.split(",")]
    text, stages = table(results)
    print(f"Machine: {machine()}\n")
    print(text)
    by_size = {r["size"]: r for r in results}
    if 100000 in by_size and 1000000 in by_size:
        small, large = by_size[100000], by_size[1000000]
        ratios = [f"{s} ×{large['seconds'][s] / small['seconds'][s]:.1f}" for s in stages
                  if small["seconds"].get(s) and large["seconds"].get(s)]
        print(f"\n100k → 1M (10× the papers): total ×{large['wall'] / small['wall']:.1f}; " + ", ".join(ratios))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": machine(), "results": results}, f, indent=2)


if __name__ == "__main__":
    main()
