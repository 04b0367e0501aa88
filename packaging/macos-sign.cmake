# CPACK_PRE_BUILD_SCRIPTS on macOS: signs tunescout.app in CPack's staging folder, after the Qt deployment and
# before the DMG is made, when TUNESCOUT_CODESIGN_IDENTITY names a Developer ID ("Developer ID Application:
# NAME (TEAMID)"). Without it the DMG holds an unsigned bundle, which Gatekeeper only opens after a right-click.
if(NOT DEFINED ENV{TUNESCOUT_CODESIGN_IDENTITY})
    message(STATUS "TUNESCOUT_CODESIGN_IDENTITY is not set: tunescout.app stays unsigned")
    return()
endif()
file(GLOB_RECURSE candidates LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
list(FILTER candidates INCLUDE REGEX "/tunescout\\.app$")
if(NOT candidates)
    message(FATAL_ERROR "no tunescout.app under ${CPACK_TEMPORARY_INSTALL_DIRECTORY} to sign")
endif()
# The hardened runtime is required for notarisation; the QML engine's JIT needs allow-jit under it.
foreach(bundle IN LISTS candidates)
    execute_process(
        COMMAND codesign --deep --force --options runtime --timestamp
                --entitlements ${CMAKE_CURRENT_LIST_DIR}/macos-entitlements.plist
                --sign "$ENV{TUNESCOUT_CODESIGN_IDENTITY}" "${bundle}"
        RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "codesign failed for ${bundle} (exit ${status})")
    endif()
endforeach()
