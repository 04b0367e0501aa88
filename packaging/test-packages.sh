#!/usr/bin/env bash
# Builds the tunescout and tunescout-hub .deb packages with CPack (and the .rpm when rpmbuild is there), installs
# both with apt-get, runs what was installed — tunescout-cli --version and doctor, the hub against PostgreSQL
# until /readyz answers, the app under the X display with --screenshot — validates the installed desktop file,
# metainfo and systemd unit, then removes both packages. Exits non-zero, saying what failed, on any error.
#
#   tests/with-services.sh build/ci/services-packages packaging/test-packages.sh build/ci
#
# Needs root (apt-get), and what tests/with-services.sh provides: TUNESCOUT_TEST_PG_URL, a D-Bus session with
# a keyring, and DISPLAY. tests/run.sh calls it after the ci test run.
set -euo pipefail

fail() {
    echo "test-packages: FAILED: $*" >&2
    exit 1
}
step() { echo "test-packages: $*"; }

[ $# -eq 1 ] || { echo "usage: test-packages.sh BUILD_DIR" >&2; exit 2; }
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ "$(id -u)" -eq 0 ] || fail "run as root: the packages are installed with apt-get"
[ -n "${TUNESCOUT_TEST_PG_URL:-}" ] || fail "TUNESCOUT_TEST_PG_URL is not set: run under tests/with-services.sh"
[ -n "${DISPLAY:-}" ] || fail "DISPLAY is not set: run under tests/with-services.sh"
for tool in cpack dpkg-deb apt-get curl psql desktop-file-validate appstreamcli systemd-analyze file; do
    command -v "$tool" >/dev/null || fail "$tool is missing (packaging/install-deps.sh installs it)"
done
for package in tunescout tunescout-hub; do
    if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        fail "$package is already installed on this machine; remove it first (apt-get remove $package)"
    fi
done

started=$(date +%s)
work=$(mktemp -d /tmp/tunescout-packages.XXXXXX)
chmod 755 "$work"
installed=0
hub_pid=
database=

cleanup() {
    local status=$?
    if [ -n "$hub_pid" ] && kill -0 "$hub_pid" 2>/dev/null; then
        kill -KILL "$hub_pid" 2>/dev/null || true
    fi
    if [ -n "$database" ]; then
        psql "$TUNESCOUT_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
    fi
    if [ $installed -eq 1 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tunescout tunescout-hub >/dev/null 2>&1 || true
        dpkg --purge tunescout tunescout-hub >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT

step "building the packages"
cmake --build "$build" --target tunescout tunescout-cli tunescout-hub tunescout-cli-man tunescout-hub-man tunescout_png_icons
(cd "$build" && cpack -G DEB -B "$work/packages" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
version=$(sed -n 's/^#define TUNESCOUT_VERSION "\(.*\)"$/\1/p' "$build/generated/tunescoutversion.h")
[ -n "$version" ] || fail "no TUNESCOUT_VERSION in $build/generated/tunescoutversion.h"
app_deb=$(ls "$work"/packages/tunescout_"$version"_*.deb 2>/dev/null) || fail "cpack made no tunescout_${version}_*.deb"
hub_deb=$(ls "$work"/packages/tunescout-hub_"$version"_*.deb 2>/dev/null) || fail "cpack made no tunescout-hub_${version}_*.deb"

step "checking what the packages declare and hold"
app_depends=$(dpkg-deb -f "$app_deb" Depends)
hub_depends=$(dpkg-deb -f "$hub_deb" Depends)
# From dpkg-shlibdeps (linked libraries), packaging/qml-deps.sh (QML modules, the SVG plugin) and GStreamer's base
# elements (cpack-project.cmake).
for needed in libqt6core6 libqt6quick6 libqt6keychain1 libsqlite3-0 qml6-module-qtquick-controls \
    qml6-module-qtquick-layouts libqt6svg6 gstreamer1.0-plugins-base; do
    grep -q "\b$needed\b" <<<"$app_depends" || fail "tunescout's Depends lacks $needed: $app_depends"
done
for needed in libqt6core6 libpqxx; do
    grep -q "\b$needed" <<<"$hub_depends" || fail "tunescout-hub's Depends lacks $needed: $hub_depends"
done
grep -q "qml6\|libqt6quick" <<<"$hub_depends" && fail "tunescout-hub depends on the GUI: $hub_depends"
dpkg-deb -c "$app_deb" >"$work/app.files"
dpkg-deb -c "$hub_deb" >"$work/hub.files"
for path in usr/bin/tunescout usr/bin/tunescout-cli usr/share/man/man1/tunescout-cli.1.gz \
    usr/share/applications/invalid.tunescout.TuneScout.desktop \
    usr/share/metainfo/invalid.tunescout.TuneScout.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/invalid.tunescout.TuneScout.svg; do
    grep -q " \./$path\$" "$work/app.files" || fail "tunescout does not contain /$path"
done
for size in 16 22 24 32 48 64 128 256 512; do
    grep -q " \./usr/share/icons/hicolor/${size}x${size}/apps/invalid.tunescout.TuneScout.png\$" "$work/app.files" ||
        fail "tunescout does not contain the ${size}x${size} icon"
done
for path in usr/bin/tunescout-hub usr/share/man/man1/tunescout-hub.1.gz usr/lib/systemd/system/tunescout-hub.service \
    etc/tunescout-hub/hub.ini etc/tunescout-hub/hub.env; do
    grep -q " \./$path\$" "$work/hub.files" || fail "tunescout-hub does not contain /$path"
done
grep -q "^-rw------- root/root .* \./etc/tunescout-hub/hub.env\$" "$work/hub.files" ||
    fail "hub.env is not mode 0600 root:root: $(grep hub.env "$work/hub.files")"
dpkg-deb --ctrl-tarfile "$hub_deb" | tar -xO ./conffiles >"$work/conffiles"
grep -qx /etc/tunescout-hub/hub.env "$work/conffiles" || fail "hub.env is not a conffile"
grep -q "tunescout-hub" "$work/app.files" && fail "the tunescout package contains hub files"
grep -q "usr/bin/tunescout-cli\|usr/share/applications" "$work/hub.files" && fail "tunescout-hub contains app files"

if command -v rpmbuild >/dev/null; then
    step "building the .rpm packages"
    (cd "$build" && cpack -G RPM -B "$work/rpm" >"$work/cpack-rpm.log" 2>&1) ||
        { cat "$work/cpack-rpm.log" >&2; fail "cpack -G RPM"; }
    for name in tunescout tunescout-hub; do
        rpm_file=$(ls "$work"/rpm/"$name-$version"-*.rpm 2>/dev/null) || fail "cpack made no $name-$version-*.rpm"
        rpm -qpl "$rpm_file" >"$work/$name.rpm-files" || fail "rpm -qpl $rpm_file"
        grep -qx "/usr/bin/$name" "$work/$name.rpm-files" || fail "$rpm_file does not contain /usr/bin/$name"
    done
fi

step "installing $(basename "$app_deb") and $(basename "$hub_deb")"
installed=1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$app_deb" "$hub_deb" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "apt-get install of the packages"; }

step "validating the installed desktop file, metainfo, man pages and systemd unit"
desktop-file-validate /usr/share/applications/invalid.tunescout.TuneScout.desktop ||
    fail "desktop-file-validate found problems"
appstreamcli validate --no-net /usr/share/metainfo/invalid.tunescout.TuneScout.metainfo.xml ||
    fail "appstreamcli validate found problems"
for program in tunescout-cli tunescout-hub; do
    page=$(zcat "/usr/share/man/man1/$program.1.gz") || fail "cannot read /usr/share/man/man1/$program.1.gz"
    grep -q "^\.TH \"\?${program^^}\"\? " <<<"$page" || fail "/usr/share/man/man1/$program.1.gz is not $program's man page"
    grep -q -- '\\-\\-version' <<<"$page" || fail "$program(1) lacks the options from --help"
done
verify=$(systemd-analyze verify /usr/lib/systemd/system/tunescout-hub.service 2>&1) ||
    fail "systemd-analyze verify tunescout-hub.service: $verify"
[ -z "$verify" ] || fail "systemd-analyze verify tunescout-hub.service complained: $verify"

step "running the installed tunescout-cli"
[ "$(command -v tunescout-cli)" = /usr/bin/tunescout-cli ] || fail "tunescout-cli is not /usr/bin/tunescout-cli"
cli_version=$(/usr/bin/tunescout-cli --version)
[ "$cli_version" = "tunescout-cli $version" ] || fail "tunescout-cli --version said '$cli_version'"
TUNESCOUT_SPOTIFY_CLIENT_ID=0123456789abcdef0123456789abcdef \
    /usr/bin/tunescout-cli --data-dir "$work/cli-data" doctor >"$work/doctor.txt" 2>&1 ||
    { cat "$work/doctor.txt" >&2; fail "tunescout-cli doctor"; }
grep -q "All checks passed" "$work/doctor.txt" || { cat "$work/doctor.txt" >&2; fail "tunescout-cli doctor"; }

step "starting the installed tunescout-hub against PostgreSQL"
hub_version=$(/usr/bin/tunescout-hub --version)
grep -q "^tunescout-hub $version\$" <<<"$hub_version" || fail "tunescout-hub --version said '$hub_version'"
database="tunescout_packages_$$"
psql "$TUNESCOUT_TEST_PG_URL" -qc "CREATE DATABASE $database" || fail "could not create database $database"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/tunescout-hub serve --database-url "${TUNESCOUT_TEST_PG_URL%/*}/$database" --listen "127.0.0.1:$port" \
    >"$work/hub.log" 2>&1 &
hub_pid=$!
ready=
for _ in $(seq 1 150); do
    kill -0 "$hub_pid" 2>/dev/null || { cat "$work/hub.log" >&2; fail "tunescout-hub serve exited"; }
    if ready=$(curl -fsS "http://127.0.0.1:$port/readyz" 2>/dev/null); then
        break
    fi
    sleep 0.2
done
[ -n "$ready" ] || { cat "$work/hub.log" >&2; fail "/readyz did not answer 200 within 30 s"; }
grep -q '"status":"ready"' <<<"$ready" || fail "/readyz said $ready"
health=$(curl -fsS "http://127.0.0.1:$port/healthz") || fail "/healthz did not answer 200"
grep -q "\"version\":\"$version\"" <<<"$health" || fail "/healthz said $health, not version $version"
kill -TERM "$hub_pid"
wait "$hub_pid" || { cat "$work/hub.log" >&2; fail "tunescout-hub did not stop cleanly on SIGTERM"; }
hub_pid=

step "launching the installed tunescout on $DISPLAY"
QT_QPA_PLATFORM=xcb timeout 120 /usr/bin/tunescout --data-dir "$work/app-data" --screenshot "$work/tunescout.png" \
    >"$work/app.log" 2>&1 || { cat "$work/app.log" >&2; fail "tunescout --screenshot"; }
[ -s "$work/tunescout.png" ] || { cat "$work/app.log" >&2; fail "tunescout wrote no screenshot"; }
file "$work/tunescout.png" | grep -q "PNG image data" || fail "the screenshot is not a PNG: $(file "$work/tunescout.png")"
step "screenshot: $(file -b "$work/tunescout.png")"

step "removing the packages"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tunescout tunescout-hub >"$work/apt-remove.log" 2>&1 ||
    { cat "$work/apt-remove.log" >&2; fail "apt-get remove"; }
installed=0
for path in /usr/bin/tunescout /usr/bin/tunescout-cli /usr/bin/tunescout-hub; do
    [ ! -e "$path" ] || fail "$path is still there after apt-get remove"
done
# remove keeps the hub's configuration files, as it should on a real machine; CI leaves nothing behind. (apt-get
# purge cannot name packages that no repository knows.)
dpkg --purge tunescout tunescout-hub >/dev/null 2>&1 || fail "dpkg --purge"

step "passed in $(( $(date +%s) - started )) s"
