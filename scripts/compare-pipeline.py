#!/usr/bin/env python3
"""Time conceptgraph against the pipeline a data scientist would write with PyPI packages.

Both sides get exactly the same input files in the same run:

  conceptgraph   `conceptgraph build FILES --db TMP.sqlite` then `conceptgraph export --format graphml`,
                 each timed as a child process under /usr/bin/time -v (wall, CPU, peak RSS).
  Python         lxml iterparse (title + abstract per record) → scikit-learn TfidfVectorizer
                 (English stop words, 1–2-grams, min_df=2, sublinear_tf) → NearestNeighbors
                 (brute-force cosine, k=10, similarity ≥ 0.08) → igraph + leidenalg
                 (RBConfigurationVertexPartition, resolution 1, seed 42) → networkx → write_graphml,
                 in this process (peak RSS from getrusage(RUSAGE_SELF)).

The two do not do the same work: conceptgraph also extracts concepts, resolves citations and labels
clusters, while the Python side is plain TF-IDF. The script says so in its output.

Setup (once, at the repository root; `.venv*/` is git-ignored):

    python3 -m venv .venv-bench
    .venv-bench/bin/pip install scikit-learn python-igraph leidenalg networkx lxml
    swift build -c release

Run:

    .venv-bench/bin/python scripts/compare-pipeline.py --corpus ../shared/corpora/arxiv-oaipmh-quantph/xml
    .venv-bench/bin/python scripts/compare-pipeline.py --corpus DIR --limit 5000      # first 5,000 records
    .venv-bench/bin/python scripts/compare-pipeline.py --corpus /tmp/scaled-100k.jsonl --json

--corpus takes directories (their *.xml, *.json and *.jsonl files, sorted by name) or files: OAI-PMH
style XML (<record> elements with title and description, namespaced or not) or JSON lines with
"title" and "abstract" (what scripts/scale-corpus.py writes). With --limit N the first N records are
written to one temporary file in the input's own format and both sides read that file.
"""
import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv-bench"
SETUP_HINT = (
    f"cd {REPO} && python3 -m venv .venv-bench && "
    ".venv-bench/bin/pip install scikit-learn python-igraph leidenalg networkx lxml\n"
    f"then run: .venv-bench/bin/python scripts/{Path(__file__).name} …")

K = 10
MIN_SIMILARITY = 0.08
RESOLUTION = 1.0
SEED = 42
MIN_CLUSTER = 3  # conceptgraph leaves communities under 3 papers unclustered; counted the same way here
NOTE = ("Not the same work: conceptgraph also extracts concepts (methods, data sets, tasks, metrics), "
        "resolves citations and labels clusters; the Python side is plain TF-IDF + kNN + Leiden.")
INPUT_SUFFIXES = (".xml", ".json", ".jsonl")


# ----------------------------------------------------------------------------------------------
# Input

def check_environment():
    missing = []
    for module in ("lxml", "sklearn", "igraph", "leidenalg", "networkx", "numpy", "scipy"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        where = "the virtual environment .venv-bench" if VENV.exists() else "this Python"
        sys.exit(f"Missing in {where} ({sys.executable}): {', '.join(missing)}.\n"
                 f"Create/complete it with:\n  {SETUP_HINT}")


def input_files(arguments):
    files = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in INPUT_SUFFIXES and p.is_file())
            if not found:
                sys.exit(f"No {'/'.join(INPUT_SUFFIXES)} files in {path}")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            sys.exit(f"No such file or directory: {path}")
    return [p.resolve() for p in files]


def is_xml(path):
    return path.suffix.lower() == ".xml"


def local_name(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def xml_records(path):
    """Yields (record element) for each <record>, freeing each one after use."""
    from lxml import etree
    for _, element in etree.iterparse(str(path), events=("end",), tag="{*}record",
                                      huge_tree=True, recover=False):
        yield element
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


def xml_text(record):
    """Title + abstract of one record (the first title and first description, any namespace)."""
    title = abstract = ""
    for child in record.iter():
        name = local_name(child.tag)
        if name == "title" and not title:
            title = "".join(child.itertext())
        elif name == "description" and not abstract:
            abstract = "".join(child.itertext())
    return title, abstract


def json_records(path):
    with open(path, encoding="utf-8") as handle:
        head = handle.read(1)
        handle.seek(0)
        if head == "[":  # a JSON array
            yield from json.load(handle)
            return
        for line in handle:
            line = line.strip()
            if line:
                yield json.loads(line)


def json_text(record):
    return record.get("title") or "", record.get("abstract") or record.get("summary") or ""


def write_subset(files, limit, directory):
    """The first `limit` records of `files`, written to one file in their format. Returns its path."""
    formats = {is_xml(p) for p in files}
    if len(formats) > 1:
        sys.exit("--limit needs inputs of one format (all XML or all JSON)")
    written = 0
    if formats == {True}:
        from lxml import etree
        out_path = Path(directory) / f"subset-{limit}.xml"
        with open(out_path, "wb") as out:
            out.write(b'<?xml version="1.0" encoding="utf-8"?><ListRecords>')
            for path in files:
                for record in xml_records(path):
                    if written >= limit:
                        break
                    out.write(etree.tostring(record, encoding="utf-8", with_tail=False))
                    written += 1
                if written >= limit:
                    break
            out.write(b"</ListRecords>\n")
    else:
        out_path = Path(directory) / f"subset-{limit}.jsonl"
        with open(out_path, "w", encoding="utf-8") as out:
            for path in files:
                for record in json_records(path):
                    if written >= limit:
                        break
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    written += 1
                if written >= limit:
                    break
    if written < limit:
        print(f"note: the corpus has only {written} records (--limit {limit})", file=sys.stderr)
    return out_path


def warm_cache(files):
    """Reads every input once so neither side pays for cold disk reads."""
    for path in files:
        with open(path, "rb") as handle:
            while handle.read(1 << 22):
                pass


# ----------------------------------------------------------------------------------------------
# conceptgraph

def parse_time_v(text):
    """Wall, user, system seconds and peak RSS (KiB) from /usr/bin/time -v output."""
    def field(label):
        match = re.search(rf"^\s*{re.escape(label)}:\s*(.+)$", text, re.MULTILINE)
        return match.group(1).strip() if match else None

    user = float(field("User time (seconds)") or 0)
    system = float(field("System time (seconds)") or 0)
    rss = int(field("Maximum resident set size (kbytes)") or 0)
    return user, system, rss


def run_timed(command, time_binary):
    """Runs command under /usr/bin/time -v; returns (stdout, wall seconds, cpu seconds, peak KiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as report:
        report_path = report.name
    try:
        start = time.perf_counter()
        result = subprocess.run([time_binary, "-v", "-o", report_path, *command],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        report_text = Path(report_path).read_text()
    finally:
        os.unlink(report_path)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed ({result.returncode}):\n{result.stderr}\n{result.stdout}")
    user, system, rss = parse_time_v(report_text)
    return result.stdout, wall, user + system, rss


def count_graphml(path):
    """Nodes and edges of a GraphML file, counted by streaming its elements."""
    from lxml import etree
    nodes = edges = 0
    for _, element in etree.iterparse(str(path), events=("end",), tag=("{*}node", "{*}edge"),
                                      huge_tree=True):
        if local_name(element.tag) == "node":
            nodes += 1
        else:
            edges += 1
        element.clear()
    return nodes, edges


def run_conceptgraph(binary, files, work, time_binary):
    db = Path(work) / "conceptgraph.sqlite"
    graphml = Path(work) / "conceptgraph.graphml"
    build_out, build_wall, build_cpu, build_rss = run_timed(
        [binary, "build", *map(str, files), "--db", str(db), "--json",
         "--neighbours", str(K), "--min-similarity", str(MIN_SIMILARITY),
         "--resolution", str(RESOLUTION), "--seed", str(SEED)], time_binary)
    summary = json.loads(build_out)
    _, export_wall, export_cpu, export_rss = run_timed(
        [binary, "export", "--format", "graphml", "--db", str(db), "-o", str(graphml)], time_binary)
    nodes, edges = count_graphml(graphml)
    files_read = summary["ingest"].get("files", [])
    seconds = summary.get("seconds", {})
    # The build's own timers, in pipeline order (its JSON sorts the keys).
    order = ["ingest", "index", "extract", "store", "load", "link", "cluster"]
    names = sorted(seconds, key=lambda name: (order.index(name) if name in order else len(order), name))
    stages = [(f"build: {name} (its own timer)", float(seconds[name])) for name in names]
    stages.append(("build (process, wall)", build_wall))
    stages.append(("export graphml (process, wall)", export_wall))
    return {
        "stages": stages,
        "total": build_wall + export_wall,
        "cpu": build_cpu + export_cpu,
        "peak_mib": max(build_rss, export_rss) / 1024,
        "records": sum(f.get("records", 0) for f in files_read),
        "papers": summary["ingest"].get("papers"),
        "merged": sum(f.get("merged", 0) for f in files_read),
        "skipped": sum(f.get("skipped", 0) for f in files_read),
        "nodes": nodes,
        "edges": edges,
        "similarity_edges": summary.get("link", {}).get("similarityEdges"),
        "citation_edges": summary.get("link", {}).get("citationsToCorpus"),
        "clusters": summary.get("clusters", {}).get("clusters"),
        "modularity": summary.get("clusters", {}).get("modularity"),
        "graphml_bytes": graphml.stat().st_size,
    }


# ----------------------------------------------------------------------------------------------
# The usual Python pipeline

def cpu_now():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_python(files, work):
    stages = []
    cpu_start = cpu_now()
    total_start = time.perf_counter()

    def stage(name, started):
        stages.append((name, time.perf_counter() - started))

    t = time.perf_counter()
    import igraph as ig
    import leidenalg
    import networkx as nx
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors
    stage("imports", t)

    # 1. Parse: title + abstract per record.
    t = time.perf_counter()
    titles, texts = [], []
    for path in files:
        if is_xml(path):
            for record in xml_records(path):
                title, abstract = xml_text(record)
                titles.append(" ".join(title.split()))
                texts.append(f"{title} {abstract}")
        else:
            for record in json_records(path):
                title, abstract = json_text(record)
                titles.append(" ".join(title.split()))
                texts.append(f"{title} {abstract}")
    n = len(texts)
    stage("parse (lxml iterparse)", t)

    # 2. TF-IDF and the brute-force cosine kNN graph.
    t = time.perf_counter()
    vectorizer = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)
    stage(f"TF-IDF ({matrix.shape[1]:,} features)", t)

    t = time.perf_counter()
    neighbours = NearestNeighbors(n_neighbors=min(K + 1, n), metric="cosine", algorithm="brute")
    neighbours.fit(matrix)
    distances, indices = neighbours.kneighbors(matrix)
    edge_weight = {}
    for i in range(n):
        kept = 0
        for distance, j in zip(distances[i], indices[i]):
            if j == i:
                continue
            if kept == K:
                break
            kept += 1
            similarity = 1.0 - float(distance)
            if similarity < MIN_SIMILARITY:
                continue
            key = (i, int(j)) if i < j else (int(j), i)
            if similarity > edge_weight.get(key, 0.0):
                edge_weight[key] = similarity
    edges = sorted(edge_weight)
    weights = [edge_weight[e] for e in edges]
    stage("kNN graph (brute cosine, k=10, ≥0.08)", t)
    del distances, indices

    # 3. Leiden.
    t = time.perf_counter()
    graph = ig.Graph(n=n, edges=edges)
    graph.es["weight"] = weights
    partition = leidenalg.find_partition(graph, leidenalg.RBConfigurationVertexPartition,
                                         weights="weight", resolution_parameter=RESOLUTION, seed=SEED)
    membership = partition.membership
    modularity = graph.modularity(membership, weights="weight", resolution=RESOLUTION)
    stage("Leiden (igraph + leidenalg)", t)

    # 4. networkx graph with cluster attributes, GraphML.
    t = time.perf_counter()
    out = Path(work) / "python.graphml"
    nxg = nx.Graph()
    nxg.add_nodes_from((i, {"title": titles[i], "cluster": int(membership[i])}) for i in range(n))
    nxg.add_weighted_edges_from((a, b, w) for (a, b), w in zip(edges, weights))
    nx.write_graphml(nxg, out)
    stage("networkx + write_graphml", t)

    total = time.perf_counter() - total_start
    sizes = np.bincount(np.asarray(membership))
    isolated = sum(1 for d in graph.degree() if d == 0)
    return {
        "stages": stages,
        "total": total,
        "cpu": cpu_now() - cpu_start,
        # ru_maxrss is KiB on Linux: the peak of this whole process (imports and pipeline).
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "records": n,
        "nodes": nxg.number_of_nodes(),
        "edges": nxg.number_of_edges(),
        "features": int(matrix.shape[1]),
        "communities": int(len(sizes)),
        "clusters": int((sizes >= MIN_CLUSTER).sum()),
        "isolated": isolated,
        "modularity": modularity,
        "graphml_bytes": out.stat().st_size,
    }


# ----------------------------------------------------------------------------------------------
# Report

def versions():
    import importlib.metadata as md
    found = {}
    for name in ("scikit-learn", "igraph", "leidenalg", "networkx", "lxml", "numpy", "scipy"):
        try:
            found[name] = md.version(name)
        except md.PackageNotFoundError:
            pass
    return found


def loadavg():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def markdown(result):
    cg, py = result["conceptgraph"], result["python"]
    lines = []
    lines.append(f"Corpus: {result['corpus']} — {result['records']:,} records "
                 f"({len(result['files'])} file(s){', --limit ' + str(result['limit']) if result['limit'] else ''})")
    lines.append(f"Machine: {result['cpus']} CPU(s); load average {result['load_before']} before, "
                 f"{result['load_after']} after; Python {result['python_version']}; "
                 + ", ".join(f"{k} {v}" for k, v in result["versions"].items()))
    lines.append("")
    lines.append("| conceptgraph stage | s |")
    lines.append("|---|---:|")
    for name, seconds in cg["stages"]:
        lines.append(f"| {name} | {seconds:.2f} |")
    lines.append("")
    lines.append("| Python stage | s |")
    lines.append("|---|---:|")
    for name, seconds in py["stages"]:
        lines.append(f"| {name} | {seconds:.2f} |")
    lines.append("")
    lines.append("| | conceptgraph | Python (sklearn + leidenalg + networkx) |")
    lines.append("|---|---:|---:|")
    lines.append(f"| total wall time, s | {cg['total']:.2f} | {py['total']:.2f} |")
    lines.append(f"| CPU time (user+sys), s | {cg['cpu']:.2f} | {py['cpu']:.2f} |")
    lines.append(f"| peak memory, MiB | {cg['peak_mib']:.0f} | {py['peak_mib']:.0f} |")
    lines.append(f"| records read | {cg['records']:,} | {py['records']:,} |")
    lines.append(f"| nodes | {cg['nodes']:,} | {py['nodes']:,} |")
    lines.append(f"| edges | {cg['edges']:,} ({cg['similarity_edges']:,} shares-concepts "
                 f"+ {cg['citation_edges']:,} citations) | {py['edges']:,} (TF-IDF kNN) |")
    lines.append(f"| clusters (≥ {MIN_CLUSTER} papers) | {cg['clusters']:,} | {py['clusters']:,} "
                 f"(of {py['communities']:,} communities) |")
    lines.append(f"| modularity | {cg['modularity']:.4f} | {py['modularity']:.4f} |")
    lines.append(f"| GraphML size, MB | {cg['graphml_bytes'] / 1e6:.1f} | {py['graphml_bytes'] / 1e6:.1f} |")
    lines.append("")
    lines.append(f"**Ratio (Python total / conceptgraph total): {result['ratio']:.2f}×** "
                 f"(CPU time: {result['cpu_ratio']:.2f}×)")
    lines.append("")
    lines.append(NOTE)
    for warning in result["warnings"]:
        lines.append(f"WARNING: {warning}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Setup: " + SETUP_HINT)
    parser.add_argument("--corpus", nargs="+", required=True, metavar="DIR_OR_FILE",
                        help="directories (their *.xml/*.json/*.jsonl) or files")
    parser.add_argument("--limit", type=int, help="only the first N records (both sides)")
    parser.add_argument("--binary", default=str(REPO / ".build/release/conceptgraph"),
                        help="conceptgraph executable (default: .build/release/conceptgraph)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--workdir", help="keep the stores and GraphML files here (default: a temp dir, removed)")
    args = parser.parse_args()

    check_environment()
    binary = Path(args.binary)
    if not binary.is_file() or not os.access(binary, os.X_OK):
        sys.exit(f"No conceptgraph executable at {binary} (swift build -c release, or pass --binary)")
    time_binary = shutil.which("time", path="/usr/bin:/bin") or "/usr/bin/time"
    if not os.access(time_binary, os.X_OK):
        sys.exit("/usr/bin/time is needed for the child's peak memory (apt-get install time)")

    files = input_files(args.corpus)
    if args.workdir:
        work = Path(args.workdir)
        work.mkdir(parents=True, exist_ok=True)
        cleanup = False
    else:
        work = Path(tempfile.mkdtemp(prefix="compare-pipeline-"))
        cleanup = True
    try:
        if args.limit:
            files = [write_subset(files, args.limit, work)]
        warm_cache(files)
        load_before = loadavg()
        cg = run_conceptgraph(binary, files, work, time_binary)
        py = run_python(files, work)
        load_after = loadavg()
    finally:
        if cleanup:
            shutil.rmtree(work, ignore_errors=True)

    warnings = []
    if cg["records"] != py["records"]:
        warnings.append(f"record counts differ: conceptgraph read {cg['records']}, Python {py['records']}")
    if cg["merged"] or cg["skipped"]:
        warnings.append(f"conceptgraph merged {cg['merged']} and skipped {cg['skipped']} record(s), "
                        f"so it has {cg['papers']} papers for {cg['records']} records")
    result = {
        "corpus": " ".join(args.corpus),
        "files": [str(p) for p in files],
        "limit": args.limit,
        "records": py["records"],
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": load_after,
        "python_version": sys.version.split()[0],
        "versions": versions(),
        "conceptgraph": cg,
        "python": py,
        "ratio": py["total"] / cg["total"],
        "cpu_ratio": py["cpu"] / cg["cpu"],
        "note": NOTE,
        "warnings": warnings,
    }
    if args.json:
        for side in ("conceptgraph", "python"):
            result[side]["stages"] = [{"stage": name, "seconds": round(s, 4)} for name, s in result[side]["stages"]]
        print(json.dumps(result, indent=2))
    else:
        print(markdown(result))


if __name__ == "__main__":
    main()
