import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// Where TuneScout keeps its data and which services it talks to.
ScrollView {
    id: page

    contentWidth: availableWidth
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Settings")

    ColumnLayout {
        width: page.availableWidth
        spacing: 2 * Theme.spacing

        PageHeader {
            title: qsTr("Settings")
            subtitle: qsTr("Account, cache and connections. Values set through TUNESCOUT_* environment variables take precedence over the settings file.")
            Layout.fillWidth: true
        }

        Card {
            title: qsTr("Storage")
            Layout.fillWidth: true
            InfoRow {
                label: qsTr("Data folder")
                value: AppInfo.dataDir
            }
            InfoRow {
                label: qsTr("Cache database")
                value: CacheStatus.databasePath
            }
            InfoRow {
                label: qsTr("Settings file")
                value: AppInfo.settingsPath
            }
        }

        Card {
            title: qsTr("Spotify")
            Layout.fillWidth: true
            InfoRow {
                label: qsTr("Client ID")
                value: AppInfo.spotifyClientIdConfigured ? AppInfo.spotifyClientId : qsTr("not set")
            }
            InfoRow {
                label: qsTr("Accounts service")
                value: AppInfo.spotifyAccountsUrl
            }
            InfoRow {
                label: qsTr("Web API")
                value: AppInfo.spotifyApiUrl
            }
        }

        Card {
            title: qsTr("Household hub")
            Layout.fillWidth: true
            InfoRow {
                label: qsTr("Hub URL")
                value: AppInfo.hubUrl.length > 0 ? AppInfo.hubUrl : qsTr("none — TuneScout works without a hub")
            }
        }

        Card {
            title: qsTr("About")
            Layout.fillWidth: true
            InfoRow {
                label: qsTr("Version")
                value: AppInfo.version
            }
            InfoRow {
                label: qsTr("Licence")
                value: qsTr("MIT")
            }
        }
    }
}
