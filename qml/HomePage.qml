import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// The landing page: what TuneScout has cached, and what to do next.
ScrollView {
    id: page

    // The user asked to set up their Spotify app, which happens on the Settings page.
    signal setUpSpotifyRequested()
    // The user asked to import their history from Spotify's privacy export.
    signal importRequested()

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
            InfoRow {
                label: qsTr("Data")
                value: SyncStatus.dataAge
            }
            InfoRow {
                label: qsTr("Waiting for hub")
                value: SyncStatus.pendingEventsText
            }
        }

        Card {
            title: qsTr("Your listening history")
            visible: HistoryImport.knownPlays === 0
            Layout.fillWidth: true

            Text {
                text: qsTr("Nothing is here yet. Import your history from Spotify's privacy export to see every year you have listened, or sign in to sync what you play from now on.")
                color: Theme.textSecondary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            Button {
                text: qsTr("Import your history…")
                Accessible.name: qsTr("Import your history from Spotify's privacy export")
                onClicked: page.importRequested()
            }
        }

        Card {
            title: qsTr("Spotify account")
            Layout.fillWidth: true

            Text {
                text: Account.summary
                color: Account.state === Account.SignedIn ? Theme.accent : Theme.textPrimary
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            InfoRow {
                visible: Account.state === Account.SignedIn && SyncStatus.userName.length > 0
                label: qsTr("Account")
                value: SyncStatus.userName
            }
            Text {
                visible: text.length > 0
                text: Account.message
                color: Theme.warning
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            TextEdit {
                visible: text.length > 0
                text: Account.authorizeUrl
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.WrapAnywhere
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Sign-in address: %1").arg(text)
            }
            ProgressBar {
                visible: SyncStatus.syncing
                from: 0
                to: Math.max(1, SyncStatus.stepsTotal)
                value: SyncStatus.stepsDone
                Layout.fillWidth: true
                Accessible.name: SyncStatus.progressText
            }
            Text {
                visible: text.length > 0
                text: Account.syncStatus
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            RowLayout {
                spacing: Theme.spacing

                Button {
                    visible: Account.state === Account.NotConfigured
                    text: qsTr("Set up Spotify…")
                    Accessible.name: qsTr("Set up your Spotify app")
                    onClicked: page.setUpSpotifyRequested()
                }
                Button {
                    visible: Account.canSignIn
                    text: qsTr("Sign in with Spotify")
                    Accessible.name: text
                    onClicked: Account.signIn()
                }
                Button {
                    visible: Account.signingIn
                    text: qsTr("Cancel")
                    Accessible.name: qsTr("Cancel signing in")
                    onClicked: Account.cancelSignIn()
                }
                Button {
                    visible: Account.state === Account.SignedIn
                    enabled: Account.canSync
                    text: qsTr("Sync now")
                    Accessible.name: text
                    onClicked: Account.syncNow()
                }
                Button {
                    visible: Account.canSignOut
                    text: qsTr("Sign out")
                    Accessible.name: qsTr("Sign out of Spotify")
                    onClicked: Account.signOut()
                }
            }
        }
    }
}
