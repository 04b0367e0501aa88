#!/usr/bin/env bash
# Prints the Debian packages the app needs at run time that dpkg-shlibdeps cannot see, comma-separated: the
# QML modules the UI imports (qmlimportscanner over the QML sources, each module's qmldir mapped to its
# package with dpkg-query -S) and the Qt plugins named with --plugin (paths under Qt's plugin folder).
# CPack calls it when it builds the .deb (packaging/cpack-project.cmake); run it by hand to see the list:
#
#   packaging/qml-deps.sh qml --plugin imageformats/libqsvg.so
#
# Fails, naming the module or plugin, when one of them belongs to no installed package: a dependency left out
# would give a package that installs cleanly and then shows an empty window.
set -euo pipefail

usage() {
    echo "usage: qml-deps.sh QML_SOURCE_DIR [--plugin PLUGIN_PATH]..." >&2
    exit 2
}

[ $# -ge 1 ] || usage
source_dir=$1
shift
plugins=()
while [ $# -gt 0 ]; do
    case "$1" in
        --plugin) [ $# -ge 2 ] || usage; plugins+=("$2"); shift 2 ;;
        *) usage ;;
    esac
done
[ -d "$source_dir" ] || { echo "qml-deps: $source_dir is not a folder of QML files" >&2; exit 2; }

qtpaths=$(command -v qtpaths6 || command -v qtpaths || true)
[ -n "$qtpaths" ] || { echo "qml-deps: qtpaths6 not found (package qt6-base-dev-tools)" >&2; exit 1; }
qml_dir=$("$qtpaths" --query QT_INSTALL_QML)
plugin_dir=$("$qtpaths" --query QT_INSTALL_PLUGINS)
scanner="$("$qtpaths" --query QT_INSTALL_LIBEXECS)/qmlimportscanner"
[ -x "$scanner" ] || { echo "qml-deps: $scanner not found (package qt6-declarative-dev-tools)" >&2; exit 1; }

imports=$("$scanner" -rootPath "$source_dir" -importPath "$qml_dir")

# Modules with a path are the ones found under Qt's QML folder; ours (TuneScout.*) are compiled into the
# binary and the other platforms' styles (QtQuick.Controls.Windows …) have none on Linux.
mapfile -t module_dirs < <(python3 -c '
import json, sys
for entry in json.loads(sys.stdin.read()):
    if entry.get("type") == "module" and entry.get("path", "").startswith(sys.argv[1] + "/"):
        print(entry["path"])
' "$qml_dir" <<<"$imports")
[ ${#module_dirs[@]} -gt 0 ] || { echo "qml-deps: qmlimportscanner found no Qt QML module under $source_dir" >&2; exit 1; }

files=()
for dir in "${module_dirs[@]}"; do files+=("$dir/qmldir"); done
for plugin in "${plugins[@]}"; do files+=("$plugin_dir/$plugin"); done

packages=()
for file in "${files[@]}"; do
    owner=$(dpkg-query -S "$file" 2>/dev/null | head -n 1 | cut -d: -f1) || true
    if [ -z "$owner" ]; then
        echo "qml-deps: no installed package owns $file; install the package that provides it and run again" >&2
        exit 1
    fi
    packages+=("$owner")
done

printf '%s\n' "${packages[@]}" | sort -u | paste -sd, - | sed 's/,/, /g'
