#!/usr/bin/env bash
# Runs one libFuzzer target the way CI does (RELIABILITY.md FZ-4 … FZ-6):
#   1. replays every committed seed and every past crash input once;
#   2. fuzzes for TUNESCOUT_FUZZ_SECONDS (default 60) from a temporary copy of the corpus, so that new
#      inputs never land in the source tree; crash, leak, timeout and OOM inputs go to a temporary
#      artifacts folder whose path is printed, and are kept for you to add to crashes/.
# Fails on any crash, sanitizer report (ASan, LSan, UBSan), timeout or OOM. Prints exec/s next to the
# FZ-6 target.
#
#   run_fuzzer.sh FUZZER CORPUS_DIR DICT CRASHES_DIR
set -euo pipefail

if [ $# -ne 4 ]; then
    echo "usage: $0 FUZZER CORPUS_DIR DICT CRASHES_DIR" >&2
    exit 2
fi
fuzzer=$1 corpus=$2 dict=$3 crashes=$4
name=$(basename "$fuzzer")
seconds=${TUNESCOUT_FUZZ_SECONDS:-60}
target_exec_per_s=1000

if ! [[ $seconds =~ ^[0-9]+$ ]]; then
    echo "$name: TUNESCOUT_FUZZ_SECONDS must be a whole number of seconds, not '$seconds'" >&2
    exit 2
fi
for path in "$fuzzer" "$dict"; do
    [ -f "$path" ] || { echo "$name: $path is missing" >&2; exit 2; }
done
[ -d "$corpus" ] || { echo "$name: the seed corpus $corpus is missing" >&2; exit 2; }

# ASan's default 256 MB quarantine of freed memory alone pushed a target to 440 MB of its 512 MB budget and
# cut its speed by half; 64 MB still catches a use after free of any recent allocation.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:quarantine_size_mb=64
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

work=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX")
mkdir -p "$work/corpus" "$work/artifacts"
echo "$name: work folder $work (new corpus inputs in corpus/, failing inputs in artifacts/)"

# 1. Replay: each file once, without mutation.
mapfile -t inputs < <(find "$corpus" "$crashes" -type f ! -name README.md 2>/dev/null | sort)
if [ ${#inputs[@]} -eq 0 ]; then
    echo "$name: no seeds in $corpus" >&2
    exit 2
fi
echo "$name: replaying ${#inputs[@]} committed inputs"
if ! "$fuzzer" -runs=1 -timeout=2 -rss_limit_mb=512 -artifact_prefix="$work/artifacts/" "${inputs[@]}" \
        >"$work/replay.log" 2>&1; then
    cat "$work/replay.log" >&2
    echo "$name: FAILED while replaying the committed corpus and crashes (inputs in $work/artifacts)" >&2
    exit 1
fi

# 2. Fuzz.
if [ "$seconds" -eq 0 ]; then
    echo "$name: TUNESCOUT_FUZZ_SECONDS=0, replay only"
    exit 0
fi
cp -R "$corpus/." "$work/corpus/"
status=0
"$fuzzer" -max_total_time="$seconds" -timeout=2 -rss_limit_mb=512 -max_len=65536 -dict="$dict" \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/fuzz.log" 2>&1 || status=$?
tail -n 40 "$work/fuzz.log"

# libFuzzer exits non-zero on every finding; the report and the artifact are belt and braces for a sanitizer
# that reported without stopping.
findings=$(find "$work/artifacts" -type f | wc -l)
if [ $status -ne 0 ] || [ "$findings" -ne 0 ] || grep -q -e 'runtime error:' -e 'ERROR: AddressSanitizer' \
        -e 'ERROR: LeakSanitizer' "$work/fuzz.log"; then
    echo "$name: FAILED (exit $status, $findings failing inputs in $work/artifacts; full log $work/fuzz.log)" >&2
    exit 1
fi

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/fuzz.log")
corpus_size=$(find "$work/corpus" -type f | wc -l)
echo "$name: ${runs:-?} runs in ${seconds} s, ${rate:-?} exec/s (FZ-6 target >= $target_exec_per_s exec/s)," \
    "corpus ${#inputs[@]} committed -> $corpus_size"
if [ -n "$rate" ] && [ "$rate" -lt "$target_exec_per_s" ]; then
    echo "$name: WARNING: below the FZ-6 speed target on this machine" >&2
fi
rm -rf "$work"
