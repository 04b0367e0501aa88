#!/usr/bin/env bash
# Installs what TuneScout needs, builds it (developer preset) and launches the desktop app.
# Arguments go to the app, e.g. `packaging/run-app.sh --data-dir /tmp/tunescout-try`.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$src"

bash packaging/install-deps.sh
cmake --preset dev
cmake --build --preset dev --parallel "$(nproc)"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run-app: built build/dev/app/tunescout, but there is no display to show it on (DISPLAY and" >&2
    echo "WAYLAND_DISPLAY are unset). Run this from a desktop session, or try it headless with:" >&2
    echo "  xvfb-run -a build/dev/app/tunescout --screenshot tunescout.png" >&2
    exit 1
fi
exec build/dev/app/tunescout "$@"
