#!/usr/bin/env bash
# Installs every Debian/Ubuntu package TuneScout needs to build, run and test.
# Idempotent; runs as root or through sudo. Debian 12 (bookworm) and Ubuntu 24.04 (noble).
set -euo pipefail

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install-deps: run as root or install sudo" >&2
    exit 1
fi

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config git file clang-format
    # lld links (the presets choose it): a tenth of the time GNU ld takes over our test executables
    lld
    # Qt 6 (LGPL modules only) and the QML runtime modules the UI imports
    qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins qt6-svg-dev
    qt6-multimedia-dev qml6-module-qtmultimedia
    # Qt Multimedia's GStreamer back end plays the preview clips: -base has the pipeline elements it needs (Qt 6.4
    # crashes making a media player without them), -good fetches over HTTP and decodes MP3 (mpg123)
    gstreamer1.0-plugins-base gstreamer1.0-plugins-good
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-shapes qml6-module-qtquick-templates qml6-module-qtquick-window
    qml6-module-qtqml-workerscript qml6-module-qttest qml6-module-qtquick-dialogs
    qml6-module-qt-labs-platform qml6-module-qtqml-models qml6-module-qtqml
    libgl-dev libegl-dev
    # engine and hub libraries
    libsqlite3-dev libeigen3-dev libpqxx-dev libcpp-httplib-dev libarchive-dev
    qtkeychain-qt6-dev libsecret-1-0 libssl-dev
    # tst_hubtls compares the hub's certificate fingerprints with the openssl tool's
    openssl
    # services the tests run for real
    postgresql postgresql-contrib gnome-keyring libsecret-tools dbus xvfb xauth
    # an audio server with a null sink for the preview clips (tests/with-services.sh starts it)
    pulseaudio
    # self-signed certificates for the hub client's trust-on-first-use tests
    openssl
    # load, fuzz and conformance tooling
    wrk clang libclang-rt-dev python3 python3-jsonschema python3-yaml iproute2
    # the recommender benchmark runs the numpy/scipy ALS reference beside ours
    python3-numpy python3-scipy
    # packaging (CPack .deb/.rpm, man pages, icons, their validators) and screenshots
    dpkg-dev rpm imagemagick help2man librsvg2-bin desktop-file-utils appstream curl
)

# libclang-rt-dev is the versionless name on Ubuntu 24.04; Debian 12 ships libclang-rt-14-dev.
if ! apt-cache show libclang-rt-dev >/dev/null 2>&1; then
    packages=("${packages[@]/libclang-rt-dev/libclang-rt-14-dev}")
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
