#!/usr/bin/env bash
# Installs what TuneScout needs, builds it, and runs the whole test suite against real services
# (PostgreSQL, gnome-keyring on D-Bus, Xvfb), then builds, installs, runs and removes the .deb packages
# (packaging/test-packages.sh), then the unit tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then the libFuzzer targets (60 s each, two at a time). Exits non-zero on any
# failure.
#
#   tests/run.sh            everything (what CI runs)
#   tests/run.sh -L unit    extra arguments go to the first ctest run (e.g. a label or -R regex)
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$src"
jobs=$(nproc)

bash packaging/install-deps.sh

started=$(date +%s)
cmake --preset ci
cmake --build --preset ci --parallel "$jobs"
echo "run: ci build took $(( $(date +%s) - started )) s"

status=0
tests/with-services.sh build/ci/services \
    ctest --preset ci --parallel "$jobs" --timeout 600 "$@" || status=$?

if [ $# -eq 0 ]; then
    # The packages built from the ci build, installed, run and removed (packaging/README.md).
    tests/with-services.sh build/ci/services-packages packaging/test-packages.sh build/ci || status=$?

    started=$(date +%s)
    cmake --preset asan
    cmake --build --preset asan --parallel "$jobs"
    echo "run: asan build took $(( $(date +%s) - started )) s"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions="$src/tests/lsan.supp" \
        tests/with-services.sh build/asan/services ctest --preset asan --parallel "$jobs" || status=$?

    # Only the fuzz targets and what they link are built (the build preset's target list).
    started=$(date +%s)
    cmake --preset fuzz
    cmake --build --preset fuzz --parallel "$jobs"
    echo "run: fuzz build took $(( $(date +%s) - started )) s"
    ctest --preset fuzz --parallel 2 || status=$?
fi

if [ $status -ne 0 ]; then
    echo "run: FAILED (exit $status)" >&2
fi
exit $status
