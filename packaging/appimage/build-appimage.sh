#!/usr/bin/env bash
# Builds TuneScout-<version>-x86_64.AppImage (the desktop app and tunescout-cli) with linuxdeploy and its Qt
# plugin. NOT run in CI: linuxdeploy is not packaged in Debian, and this CI downloads nothing. On a Debian 12
# machine (or newer) with packaging/install-deps.sh done and internet access:
#
#   packaging/appimage/build-appimage.sh            # → build/appimage/TuneScout-<version>-x86_64.AppImage
#
# The AppImage runs on distributions whose glibc is at least the build machine's (2.36 on Debian 12); build on
# the oldest system you want to support that still has Qt 6.4 or newer.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${TUNESCOUT_APPIMAGE_BUILD_DIR:-$src/build/appimage}
tools=$build/tools
appdir=$build/AppDir
arch=$(uname -m)

cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DTUNESCOUT_BUILD_HUB=OFF -DTUNESCOUT_BUILD_TESTS=OFF
cmake --build "$build"
rm -rf "$appdir"
DESTDIR="$appdir" cmake --install "$build" --component app

# linuxdeploy publishes rolling "continuous" builds only; keep the downloaded copies to rebuild the same way.
mkdir -p "$tools"
for tool in linuxdeploy linuxdeploy-plugin-qt; do
    file="$tools/$tool-$arch.AppImage"
    if [ ! -x "$file" ]; then
        curl -fL --retry 3 -o "$file" \
            "https://github.com/linuxdeploy/$tool/releases/download/continuous/$tool-$arch.AppImage"
        chmod +x "$file"
    fi
done

version=$(sed -n 's/^#define TUNESCOUT_VERSION "\(.*\)"$/\1/p' "$build/generated/tunescoutversion.h")
app_id=$(sed -n 's/^#define TUNESCOUT_APP_ID "\(.*\)"$/\1/p' "$build/generated/tunescoutversion.h")

# The Qt plugin finds Qt through qmake, scans our QML for the modules to bundle, and bundles the SVG image
# plugin (the window icon) although nothing links Qt SVG. EXTRA_QT_PLUGINS is the older name of EXTRA_QT_MODULES.
export QMAKE="$(qtpaths6 --query QT_HOST_BINS)/qmake6"
export QML_SOURCES_PATHS="$src/qml"
export EXTRA_QT_MODULES="svg" EXTRA_QT_PLUGINS="svg"
export EXTRA_PLATFORM_PLUGINS="libqwayland-egl.so;libqwayland-generic.so"
export LINUXDEPLOY_OUTPUT_VERSION="$version"
# The AppImage is not extracted at run time without FUSE; APPIMAGE_EXTRACT_AND_RUN lets linuxdeploy itself run
# in containers without FUSE.
export APPIMAGE_EXTRACT_AND_RUN=1

cd "$build"
"$tools/linuxdeploy-$arch.AppImage" --appdir "$appdir" \
    --executable "$appdir/usr/bin/tunescout" --executable "$appdir/usr/bin/tunescout-cli" \
    --desktop-file "$appdir/usr/share/applications/$app_id.desktop" \
    --icon-file "$appdir/usr/share/icons/hicolor/256x256/apps/$app_id.png" \
    --plugin qt --output appimage
ls -l "$build"/TuneScout-*"$arch".AppImage
