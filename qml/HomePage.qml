import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// The landing page: what TuneScout has cached, and what to do next.
ScrollView {
    id: page

    // The user asked to set up their Spotify app, which happens on the Settings page.
    signal setUpSpotifyRequested()

    contentWidth: availableWidth
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Home")

    ColumnLayout {
        width: page.availableWidth
        spacing: 2 * Theme.spacing

        PageHeader {
            title: qsTr("Welcome to TuneScout")
            subtitle: qsTr("Your listening history, dashboards and recommendations, kept on this computer.")
            Layout.fillWidth: true
        }

        Card {
            title: qsTr("Local cache")
            Layout.fillWidth: true

            RowLayout {
                spacing: Theme.spacing
                BusyIndicator {
                    running: CacheStatus.busy
                    visible: running
                    implicitWidth: 24
                    implicitHeight: 24
                    Accessible.name: qsTr("Opening the cache")
                }
                Text {
                    text: CacheStatus.summary
                    color: CacheStatus.needsAttention ? Theme.warning : Theme.accent
                    font.pixelSize: Theme.fontBody
                    font.weight: Font.DemiBold
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                }
            }
            InfoRow {
                label: qsTr("Database")
                value: CacheStatus.databasePath.length > 0 ? CacheStatus.databasePath : qsTr("—")
            }
            InfoRow {
                label: qsTr("Schema version")
                value: qsTr("%1 of %2").arg(CacheStatus.schemaVersion).arg(CacheStatus.latestSchemaVersion)
            }
        }

        Card {
            title: qsTr("Spotify account")
            Layout.fillWidth: true

            Text {
                text: AppInfo.spotifyClientIdConfigured
                      ? qsTr("Client ID %1 is configured. Signing in arrives with the next release.").arg(AppInfo.spotifyClientId)
                      : qsTr("TuneScout uses your own Spotify app. Create one in the Spotify developer dashboard and enter its Client ID in Settings.")
                color: Theme.textPrimary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            Button {
                visible: !AppInfo.spotifyClientIdConfigured
                text: qsTr("Set up Spotify…")
                Accessible.name: qsTr("Set up your Spotify app")
                onClicked: page.setUpSpotifyRequested()
            }
        }
    }
}
