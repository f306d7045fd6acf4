#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a fixed number of executions.
#
#   scripts/fuzz.sh [RUNS] [TARGET...]     RUNS per target (default 400000); all targets by default
#
# Environment: FUZZ_SANITIZE=address adds AddressSanitizer and its leak check (slower; catches
# out-of-bounds reads through unsafe pointers that release builds do not check); FUZZ_MAX_LEN
# (default 65536); FUZZ_LEN_CONTROL (libFuzzer -len_control, default 100: inputs grow slowly; 0
# tries long inputs at once, slower per run but better at finding superlinear time);
# FUZZ_SEED (libFuzzer -seed, default 1 so a run can be repeated).
#
# Per target, Fuzz/findings/<target>/ keeps the grown corpus (reused by the next run), the
# libFuzzer log and any crash-*, timeout-*, oom-* or leak-* input. Reproduce one with
#   SWIFT_BACKTRACE=enable=no Fuzz/.build-fuzz/release/fuzz-<target> Fuzz/findings/<target>/crash-…
# Exits 1 when any target found something. Not part of CI (.ci/run): a full run takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(listing abstracts atom oai jsonl json bibtex abs detect extract callouts latex)

runs=${1:-400000}
if ! [[ "$runs" =~ ^[0-9]+$ ]] || ((runs == 0)); then
    echo "fuzz.sh: RUNS must be a positive number of executions, got \"$runs\"" >&2
    exit 2
fi
shift $(($# > 0 ? 1 : 0))
targets=("$@")
((${#targets[@]} > 0)) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
    if [[ " ${all_targets[*]} " != *" $t "* ]]; then
        echo "fuzz.sh: unknown target \"$t\"; targets are: ${all_targets[*]}" >&2
        exit 2
    fi
done

dictionary() {
    case "$1" in
        atom|oai) echo Fuzz/dict/xml.dict ;;
        jsonl|json) echo Fuzz/dict/json.dict ;;
        bibtex) echo Fuzz/dict/bibtex.dict ;;
        detect) echo "$scratch_dir/all.dict" ;;
        *) echo Fuzz/dict/text.dict ;;
    esac
}

sanitize=(-Xswiftc -sanitize=fuzzer)
scratch=.build-fuzz
if [[ "${FUZZ_SANITIZE:-}" == address ]]; then
    # One flag: given twice, swiftc keeps only the last sanitizer and the fuzzer loses its coverage.
    sanitize=(-Xswiftc -sanitize=fuzzer,address)
    scratch=.build-fuzz-asan
elif [[ -n "${FUZZ_SANITIZE:-}" ]]; then
    echo "fuzz.sh: FUZZ_SANITIZE may only be \"address\"" >&2
    exit 2
fi

echo "== building the fuzz targets (release, ${sanitize[*]//-Xswiftc /})"
(cd Fuzz && swift build -c release --scratch-path "$scratch" "${sanitize[@]}")
bin="Fuzz/$scratch/release"

# The readers read each input from a file; keep those files in memory when /dev/shm exists.
scratch_dir=$(mktemp -d "$( [[ -w /dev/shm ]] && echo /dev/shm || echo "${TMPDIR:-/tmp}" )/cgfuzz.XXXXXX")
trap 'rm -rf "$scratch_dir"' EXIT
export CGFUZZ_SCRATCH_DIR="$scratch_dir"
# Swift's own crash backtracer would catch the signal before libFuzzer can save the input.
export SWIFT_BACKTRACE=enable=no
# With ASan, libFuzzer also checks each input for leaked memory; without it, -rss_limit_mb is the check.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
# libFuzzer takes one dictionary; the detect target sees every format.
cat Fuzz/dict/*.dict >"$scratch_dir/all.dict"

summary=()
failed=0
for t in "${targets[@]}"; do
    out="Fuzz/findings/$t"
    mkdir -p "$out/corpus"
    echo "== fuzz-$t: $runs runs"
    started=$(date +%s)
    touch "$out/.started"
    status=0
    "$bin/fuzz-$t" "$out/corpus" "Fuzz/corpus/$t" \
        -runs="$runs" -max_len="${FUZZ_MAX_LEN:-65536}" -timeout=10 -rss_limit_mb=2048 \
        -len_control="${FUZZ_LEN_CONTROL:-100}" -seed="${FUZZ_SEED:-1}" -dict="$(dictionary "$t")" -artifact_prefix="$out/" \
        -print_final_stats=1 >"$out/log.txt" 2>&1 || status=$?
    seconds=$(($(date +%s) - started))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log.txt" | tail -1)
    found=$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) -newer "$out/.started" -printf '%f ' 2>/dev/null || true)
    line=$(printf '%-10s %10s execs %6s s  exit %-3s %s' "$t" "${execs:-?}" "$seconds" "$status" "${found:-clean}")
    echo "$line"
    summary+=("$line")
    if ((status != 0)) || [[ -n "$found" ]]; then
        failed=1
        grep -m1 -E '^(==[0-9]+== ?ERROR|SUMMARY|.*Fatal error)' "$out/log.txt" || tail -5 "$out/log.txt"
    fi
done

echo
echo "== summary ($runs runs per target; logs and findings in Fuzz/findings/)"
printf '%s\n' "${summary[@]}"
exit "$failed"
