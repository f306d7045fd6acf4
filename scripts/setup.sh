#!/usr/bin/env bash
# Makes sure the system packages conceptgraph builds and runs with are present.
# As root it installs what is missing with apt-get; otherwise it prints the exact command and stops.
set -euo pipefail

packages=(libxml2-dev libsqlite3-dev pkg-config graphviz libxml2-utils)

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: swift is not on PATH. Install Swift 6.2 or later (https://www.swift.org/install/) and run this again." >&2
    exit 1
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for p in "${packages[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
        [[ "$status" == "install ok installed" ]] || missing+=("$p")
    done
else
    # Not Debian: check for what the packages provide instead.
    pkg-config --exists libxml-2.0 2>/dev/null || missing+=(libxml2-dev)
    pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
    command -v dot >/dev/null 2>&1 || missing+=(graphviz)
    command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
fi

if ((${#missing[@]} == 0)); then
    exit 0
fi

if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    exit 0
fi

echo "setup: missing system packages: ${missing[*]}" >&2
echo "setup: run this, then try again:" >&2
echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
