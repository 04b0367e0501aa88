# Windows and macOS packages (included from packaging/CMakeLists.txt only there). Neither is built or tested
# in CI: Debian has no Windows or macOS Qt, nor windeployqt or macdeployqt. packaging/README.md gives the
# commands for a Windows or macOS machine with Qt 6.4 or newer from the Qt installer and QtKeychain built
# against it.
#
# qt_generate_deploy_qml_app_script copies the Qt libraries, the plugins and the QML modules the UI imports
# (qmlimportscanner) next to the app: windeployqt's logic on Windows, macdeployqt's on macOS.
set_target_properties(tunescout PROPERTIES
    WIN32_EXECUTABLE ON
    MACOSX_BUNDLE ON
    MACOSX_BUNDLE_BUNDLE_NAME TuneScout
    MACOSX_BUNDLE_GUI_IDENTIFIER ${TUNESCOUT_APP_ID}
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION})
qt_generate_deploy_qml_app_script(TARGET tunescout FILENAME_VARIABLE tunescout_deploy_script)
install(SCRIPT ${tunescout_deploy_script} COMPONENT app)

if(WIN32)
    # The CLI sits next to tunescout.exe and uses the Qt libraries deployed for it; its own plugins (TLS,
    # network information) come with the app's.
    qt_generate_deploy_app_script(TARGET tunescout-cli FILENAME_VARIABLE tunescout_cli_deploy_script)
    install(SCRIPT ${tunescout_cli_deploy_script} COMPONENT app)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_NSIS_DISPLAY_NAME TuneScout)
    set(CPACK_NSIS_PACKAGE_NAME TuneScout)
    set(CPACK_NSIS_MUI_ICON ${PROJECT_SOURCE_DIR}/resources/icons/tunescout.ico)
    set(CPACK_NSIS_INSTALLED_ICON_NAME bin/tunescout.exe)
    set(CPACK_NSIS_URL_INFO_ABOUT ${PROJECT_HOMEPAGE_URL})
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_MODIFY_PATH ON)
    set(CPACK_PACKAGE_EXECUTABLES tunescout TuneScout)
    set(CPACK_CREATE_DESKTOP_LINKS tunescout)
    # The hub runs on Linux servers (systemd or the container); the Windows installer carries the app only.
    set(CPACK_COMPONENTS_ALL app)
elseif(APPLE)
    # The DMG holds tunescout.app, with tunescout-cli inside Contents/MacOS (app/CMakeLists.txt). It is signed
    # before the DMG is made when TUNESCOUT_CODESIGN_IDENTITY is set (macos-sign.cmake); notarisation follows
    # on the DMG (packaging/README.md, "macOS").
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME TuneScout)
    set(CPACK_DMG_FORMAT UDZO)
    set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_SOURCE_DIR}/macos-sign.cmake)
    set(CPACK_COMPONENTS_ALL app)
endif()
