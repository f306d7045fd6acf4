#!/usr/bin/env python3
"""Writes a corpus of N papers as JSON lines by copying the real OAI quant-ph abstracts with distinct
ids (a benchmark input, not a fixture): copy k of a record gets a local id "copyk-<id>" instead of its
arXiv id and " (copy k)" appended to its title and abstract, so dedup keeps every copy.

    python3 scripts/scale-corpus.py ../shared/corpora/arxiv-oaipmh-quantph/xml 100000 > /tmp/scaled-100k.jsonl
"""
import glob
import json
import sys
import xml.etree.ElementTree as ET


def records(directory):
    for path in sorted(glob.glob(f"{directory}/*.xml")):
        for _, element in ET.iterparse(path, events=("end",)):
            if element.tag != "record":
                continue
            identifier = element.findtext("header/identifier") or ""
            title = element.findtext("metadata/title") or ""
            abstract = element.findtext("metadata/description") or ""
            date = element.findtext("metadata/date") or ""
            yield identifier.replace("oai:arXiv.org:", ""), title, abstract, date
            element.clear()


def main(directory, n):
    base = list(records(directory))
    written = 0
    copy = 0
    while written < n:
        for arxiv_id, title, abstract, date in base:
            if written >= n:
                break
            suffix = "" if copy == 0 else f" (copy {copy})"
            record = {"title": title + suffix, "abstract": abstract + suffix, "published": date}
            if copy == 0:
                record["arxiv_id"] = arxiv_id
            else:
                # Not an arXiv id, so dedup never merges the copies.
                record["id"] = f"copy{copy}-{arxiv_id}"
            sys.stdout.write(json.dumps(record) + "\n")
            written += 1
        copy += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
