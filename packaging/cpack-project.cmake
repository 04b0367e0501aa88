# Read by cpack for every generator (CPACK_PROJECT_CONFIG_FILE). The .deb of the app depends on the QML modules
# its UI imports and on the Qt plugins it loads, which dpkg-shlibdeps cannot see; they are derived here, when the
# package is built, from the QML sources and the installed Qt (packaging/qml-deps.sh), not listed by hand (but for
# GStreamer's base elements, below).
# cpack reads this file without a cmake_minimum_required, so IN_LIST (policy CMP0057) is not available.
list(FIND CPACK_COMPONENTS_ALL app app_index)
if(CPACK_GENERATOR STREQUAL "DEB" AND app_index GREATER -1)
    execute_process(
        COMMAND bash ${CPACK_TUNESCOUT_SOURCE_DIR}/packaging/qml-deps.sh ${CPACK_TUNESCOUT_SOURCE_DIR}/qml
                --plugin imageformats/libqsvg.so
        OUTPUT_VARIABLE runtime_depends
        OUTPUT_STRIP_TRAILING_WHITESPACE
        RESULT_VARIABLE status)
    if(NOT status EQUAL 0 OR runtime_depends STREQUAL "")
        message(FATAL_ERROR "packaging/qml-deps.sh failed (exit ${status}); the tunescout package would lack its "
                            "QML modules")
    endif()
    # The one run-time dependency nothing can derive: GStreamer loads its elements by name when the preview
    # player is made, and Qt 6.4's GStreamer back end crashes making a media player without the base ones
    # (packaging/CMakeLists.txt recommends the good plugins, which play the clips).
    set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "${runtime_depends}, gstreamer1.0-plugins-base")
endif()

# Each .deb's description (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION) starts with its own synopsis; without this, CPack
# would put the project's one-line summary, which describes both packages together, in front of it.
if(CPACK_GENERATOR STREQUAL "DEB")
    unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()
