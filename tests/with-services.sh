#!/usr/bin/env bash
# tests/with-services.sh STATE_DIR COMMAND [ARG…]
#
# Runs COMMAND with the services the test suite talks to for real, and stops them again however COMMAND
# ends: a private PostgreSQL cluster (loopback only, trust auth, in STATE_DIR), a D-Bus session with an
# unlocked gnome-keyring (HOME points into STATE_DIR so the user's own keyring is never touched), an Xvfb
# display and a PulseAudio server with a null sink. Exports TUNESCOUT_TEST_PG_URL and
# TUNESCOUT_TEST_REQUIRE_SERVICES=1, so tests that need one of these fail instead of skipping.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 STATE_DIR COMMAND [ARG…]" >&2
    exit 2
fi
state=$(mkdir -p "$1" && cd "$1" && pwd)
shift

log() { echo "with-services: $*" >&2; }

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    log "PostgreSQL server binaries not found under /usr/lib/postgresql; run packaging/install-deps.sh"
    exit 1
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# PostgreSQL refuses to run as root: as root the cluster belongs to the "postgres" system user, and lives in
# STATE_DIR only if that user can reach it (a checkout under /root usually is not reachable).
pg_as=()
pgroot="$state/postgres"
if [ "$(id -u)" -eq 0 ]; then
    pg_as=(runuser -u postgres --)
    if ! runuser -u postgres -- test -x "$state"; then
        pgroot=$(mktemp -d /tmp/tunescout-pg.XXXXXX)
        log "the postgres user cannot reach $state; the cluster lives in $pgroot instead"
    fi
fi
rm -rf "$pgroot"
mkdir -p "$pgroot"
[ ${#pg_as[@]} -eq 0 ] || chown postgres "$pgroot"

xvfb_pid=""
pulse_pid=""
pg_started=""
cleanup() {
    local status=$?
    if [ -n "$pg_started" ]; then
        "${pg_as[@]}" "$pgbin/pg_ctl" -D "$pgroot/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "$pulse_pid" ]; then
        kill "$pulse_pid" 2>/dev/null || true
        wait "$pulse_pid" 2>/dev/null || true
    fi
    if [ -n "$xvfb_pid" ]; then
        kill "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    fi
    case "$pgroot" in /tmp/tunescout-pg.*) rm -rf "$pgroot" ;; esac
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_port=$(free_port)
"${pg_as[@]}" "$pgbin/initdb" -D "$pgroot/data" -U tunescout --auth=trust -E UTF8 --no-locale >"$pgroot/initdb.log" 2>&1 \
    || { cat "$pgroot/initdb.log" >&2; log "initdb failed"; exit 1; }
# Loopback TCP only and no Unix socket; fsync off because this cluster is thrown away after the run.
"${pg_as[@]}" "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories='' -c fsync=off -c max_connections=200" \
    start >/dev/null || { cat "$pgroot/server.log" >&2; log "PostgreSQL did not start"; exit 1; }
pg_started=1
export TUNESCOUT_TEST_PG_URL="postgresql://tunescout@127.0.0.1:$pg_port/postgres"
log "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

exec 3>"$state/xvfb.display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$state/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 100); do
    [ -s "$state/xvfb.display" ] && break
    kill -0 "$xvfb_pid" 2>/dev/null || { cat "$state/xvfb.log" >&2; log "Xvfb did not start"; exit 1; }
    sleep 0.1
done
[ -s "$state/xvfb.display" ] || { log "Xvfb did not report its display"; exit 1; }
export DISPLAY=":$(head -n 1 "$state/xvfb.display")"
log "Xvfb on $DISPLAY"

export HOME="$state/home"
export XDG_RUNTIME_DIR="$state/runtime"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
rm -rf "$HOME"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export TUNESCOUT_TEST_REQUIRE_SERVICES=1

# A PulseAudio server whose only sink is a null sink, so that the preview clips play through an audio server as
# on a desktop on machines without a sound card. Every test has its own XDG_RUNTIME_DIR, so clients find the
# server through PULSE_SERVER; the socket's folder is private, so it needs no cookie. Without DISPLAY it does
# not try to start a D-Bus daemon of its own.
command -v pulseaudio >/dev/null || { log "pulseaudio not found; run packaging/install-deps.sh"; exit 1; }
env -u DISPLAY pulseaudio -n --daemonize=no --use-pid-file=no --exit-idle-time=-1 --disallow-exit \
    --load="module-native-protocol-unix auth-anonymous=1" --load="module-null-sink sink_name=tunescout_null" \
    >"$state/pulseaudio.log" 2>&1 &
pulse_pid=$!
for _ in $(seq 100); do
    [ -S "$XDG_RUNTIME_DIR/pulse/native" ] && break
    kill -0 "$pulse_pid" 2>/dev/null || { cat "$state/pulseaudio.log" >&2; log "PulseAudio did not start"; exit 1; }
    sleep 0.1
done
[ -S "$XDG_RUNTIME_DIR/pulse/native" ] || { log "PulseAudio did not open its socket"; exit 1; }
export PULSE_SERVER="unix:$XDG_RUNTIME_DIR/pulse/native"
log "PulseAudio with a null sink on $XDG_RUNTIME_DIR/pulse/native"

# The keyring daemon belongs to this D-Bus session and ends with it.
set +e
dbus-run-session -- bash -c '
    printf "tunescout-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null \
        || { echo "with-services: gnome-keyring did not start" >&2; exit 1; }
    echo "with-services: D-Bus session with an unlocked gnome-keyring" >&2
    exec "$@"' with-services "$@"
status=$?
set -e
exit $status
