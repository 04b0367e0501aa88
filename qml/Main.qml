import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// The application window: the page list on the left, the open page on the right, a banner above the page
// whenever the cache, the configuration or the sync needs the user's attention (offline, missing plays), and the
// player bar under it all.
ApplicationWindow {
    id: window

    width: 1100
    height: 720
    minimumWidth: 760
    minimumHeight: 480
    visible: true
    title: qsTr("TuneScout")
    color: Theme.background

    palette.window: Theme.background
    palette.windowText: Theme.textPrimary
    palette.base: Theme.background
    palette.alternateBase: Theme.surface
    palette.text: Theme.textPrimary
    palette.placeholderText: Theme.textSecondary
    palette.button: Theme.accentMuted
    palette.buttonText: Theme.textPrimary
    palette.light: Theme.surfaceRaised
    palette.midlight: Theme.outline
    palette.mid: Theme.outline
    palette.dark: Theme.accent
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.background
    palette.disabled.button: Theme.surfaceRaised
    palette.disabled.buttonText: Theme.textSecondary
    palette.disabled.text: Theme.textSecondary

    NavigationModel {
        id: pages
    }

    Component.onCompleted: rail.currentIndex = Math.max(0, pages.indexOf(AppInfo.initialPage))

    // Player polls Spotify often only while someone can see the window, and stops when it stays minimised.
    onVisibilityChanged: Player.setWindowActivity(window.visibility !== Window.Hidden
                                                  && window.visibility !== Window.Minimized,
                                                  window.visibility === Window.Minimized)

    // Space plays or pauses unless the focused item takes Space itself: typing in a field, pressing a button.
    readonly property bool spaceIsFree: !activeFocusItem
                                        || !("cursorPosition" in activeFocusItem || "checkable" in activeFocusItem)
    Shortcut {
        sequence: "Space"
        enabled: window.spaceIsFree && Player.canPlayPause && !Player.premiumRequired
        onActivated: Player.playPause()
    }
    Shortcut {
        sequence: "Ctrl+Left"
        enabled: Player.canSkipPrevious && !Player.premiumRequired
        onActivated: Player.previous()
    }
    Shortcut {
        sequence: "Ctrl+Right"
        enabled: Player.canSkipNext && !Player.premiumRequired
        onActivated: Player.next()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            spacing: 0
            Layout.fillWidth: true
            Layout.fillHeight: true

            NavigationRail {
                id: rail
                model: pages
                Layout.fillHeight: true
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.margins: 3 * Theme.spacing
                spacing: 2 * Theme.spacing

                StatusBanner {
                    visible: AppInfo.configurationError.length > 0
                    severity: StatusBanner.Danger
                    title: qsTr("The configuration could not be read")
                    detail: AppInfo.configurationError
                    Layout.fillWidth: true
                }
                StatusBanner {
                    visible: CacheStatus.needsAttention
                    severity: CacheStatus.state === CacheStatus.Recovered ? StatusBanner.Warning : StatusBanner.Danger
                    title: CacheStatus.summary
                    detail: CacheStatus.message
                    Layout.fillWidth: true
                }

                StatusBanner {
                    objectName: "offlineBanner"
                    visible: SyncStatus.offline
                    title: SyncStatus.offlineTitle
                    detail: SyncStatus.offlineDetail
                    Layout.fillWidth: true
                }
                StatusBanner {
                    objectName: "gapBanner"
                    visible: SyncStatus.gapNotice.length > 0
                    title: qsTr("Some plays may be missing from your history")
                    detail: SyncStatus.gapNotice
                    dismissText: qsTr("Dismiss")
                    dismissAccessibleName: qsTr("Dismiss the notice about missing plays")
                    Layout.fillWidth: true
                    onDismissed: SyncStatus.dismissGaps()
                }

                StackLayout {
                    id: stack
                    objectName: "pageStack"
                    currentIndex: rail.currentIndex
                    Layout.fillWidth: true
                    Layout.fillHeight: true

                    HomePage {
                        onSetUpSpotifyRequested: rail.currentIndex = pages.indexOf("settings")
                        onImportRequested: rail.currentIndex = pages.indexOf("import")
                    }
                    DashboardsPage {
                        onHomeRequested: rail.currentIndex = pages.indexOf("home")
                    }
                    PlayerPage {}
                    DiscoverPage {
                        onHomeRequested: rail.currentIndex = pages.indexOf("home")
                        onImportRequested: rail.currentIndex = pages.indexOf("import")
                    }
                    HouseholdPage {
                        onSettingsRequested: rail.currentIndex = pages.indexOf("settings")
                    }
                    ConcertsPage {
                        onSettingsRequested: rail.currentIndex = pages.indexOf("settings")
                    }
                    SettingsPage {}
                    ImportPage {}
                }
            }
        }

        PlayerBar {
            objectName: "playerBar"
            Layout.fillWidth: true
        }
    }
}
