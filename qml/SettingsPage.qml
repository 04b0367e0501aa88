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

            Text {
                text: qsTr("TuneScout signs in with a Spotify app of your own. To create one:")
                color: Theme.textPrimary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Repeater {
                model: SetupGuideModel {}
                delegate: RowLayout {
                    id: step
                    required property int number
                    required property string text
                    spacing: Theme.spacing
                    Layout.fillWidth: true
                    Text {
                        text: step.number + "."
                        color: Theme.accent
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.DemiBold
                        Layout.alignment: Qt.AlignTop
                    }
                    TextEdit {
                        text: step.text
                        color: Theme.textPrimary
                        font.pixelSize: Theme.fontBody
                        readOnly: true
                        selectByMouse: true
                        wrapMode: TextEdit.WordWrap
                        Layout.fillWidth: true
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("Step %1: %2").arg(step.number).arg(step.text)
                    }
                }
            }
            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing

                TextField {
                    id: clientIdField
                    objectName: "clientIdField"
                    text: AppInfo.spotifyClientId
                    placeholderText: qsTr("Client ID, e.g. 0123456789abcdef0123456789abcdef")
                    enabled: !AppInfo.spotifyClientIdFromEnvironment
                    selectByMouse: true
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Spotify Client ID")
                    onAccepted: AppInfo.saveSpotifyClientId(text)
                }
                Button {
                    text: qsTr("Save")
                    enabled: clientIdField.enabled && clientIdField.text.length > 0
                    Accessible.name: qsTr("Save the Spotify Client ID")
                    onClicked: AppInfo.saveSpotifyClientId(clientIdField.text)
                }
            }
            Text {
                visible: text.length > 0
                text: AppInfo.clientIdError
                color: Theme.danger
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            Text {
                visible: AppInfo.spotifyClientIdFromEnvironment
                text: qsTr("Set by TUNESCOUT_SPOTIFY_CLIENT_ID, which takes precedence over this setting.")
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            InfoRow {
                label: qsTr("Redirect URI")
                value: AppInfo.redirectUri
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
            objectName: "hubCard"
            title: qsTr("Household hub")
            Layout.fillWidth: true

            Text {
                visible: !HubLink.paired
                text: qsTr("Pair this device with your household's hub to share what you play. Ask the hub's admin for an invite code (tunescout-hub invite).")
                color: Theme.textPrimary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            GridLayout {
                visible: !HubLink.paired
                columns: 2
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing
                Layout.fillWidth: true

                Label {
                    text: qsTr("Hub URL")
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontBody
                }
                TextField {
                    id: hubUrlField
                    objectName: "hubUrlField"
                    text: AppInfo.hubUrl
                    placeholderText: qsTr("https://hub.home.arpa:8787")
                    selectByMouse: true
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Hub URL")
                }
                Label {
                    text: qsTr("Invite code")
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontBody
                }
                TextField {
                    id: inviteField
                    objectName: "hubInviteField"
                    placeholderText: qsTr("e.g. 7KQ2M-X9D4R")
                    selectByMouse: true
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Invite code")
                }
                Label {
                    text: qsTr("Your name")
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontBody
                }
                TextField {
                    id: memberField
                    objectName: "hubNameField"
                    text: SyncStatus.userName
                    placeholderText: qsTr("How the household knows you")
                    selectByMouse: true
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Your name in the household")
                }
            }
            CheckBox {
                id: insecureBox
                visible: !HubLink.paired
                text: qsTr("Allow plain HTTP to a hub on another computer (unencrypted)")
                Accessible.name: text
            }
            Button {
                objectName: "hubPairButton"
                visible: !HubLink.paired
                text: HubLink.busy ? qsTr("Pairing…") : qsTr("Pair")
                enabled: !HubLink.busy && hubUrlField.text.length > 0 && inviteField.text.length > 0 && memberField.text.length > 0
                Accessible.name: qsTr("Pair with the hub")
                onClicked: HubLink.pair(hubUrlField.text, inviteField.text, memberField.text, insecureBox.checked)
            }

            InfoRow {
                visible: HubLink.paired
                label: qsTr("Hub")
                value: HubLink.url
            }
            InfoRow {
                visible: HubLink.paired
                label: qsTr("Certificate")
                value: HubLink.fingerprint.length > 0 ? qsTr("public key pinned, SHA-256 %1").arg(HubLink.fingerprint) : qsTr("verified by this computer")
            }
            InfoRow {
                visible: HubLink.paired
                label: qsTr("Member")
                value: HubLink.memberText
            }
            InfoRow {
                visible: HubLink.paired
                label: qsTr("Status")
                value: HubLink.statusText
            }
            Switch {
                id: trainingSwitch
                objectName: "hubTrainingSwitch"
                visible: HubLink.paired && !HubLink.revoked
                text: qsTr("Use my plays for household picks")
                checked: HubLink.training
                enabled: HubLink.trainingKnown && !HubLink.trainingBusy
                Accessible.name: text
                // The hub's answer decides: back to what it stored once it answered (a refusal undoes the flip).
                onToggled: HubLink.setTraining(checked)
                Connections {
                    target: HubLink
                    function onTrainingChanged() {
                        if (!HubLink.trainingBusy)
                            trainingSwitch.checked = HubLink.training
                    }
                }
            }
            Text {
                objectName: "hubTrainingError"
                visible: HubLink.paired && text.length > 0
                text: HubLink.trainingError
                color: Theme.danger
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            InfoRow {
                label: qsTr("Waiting for hub")
                value: SyncStatus.pendingEventsText
            }
            Text {
                visible: text.length > 0
                text: HubLink.errorText
                color: Theme.danger
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            RowLayout {
                visible: HubLink.paired
                spacing: Theme.spacing
                Button {
                    objectName: "hubUploadButton"
                    text: qsTr("Upload now")
                    enabled: !HubLink.busy && !HubLink.revoked
                    Accessible.name: qsTr("Upload to the hub now")
                    onClicked: HubLink.uploadNow()
                }
                Button {
                    objectName: "hubUnpairButton"
                    text: qsTr("Unpair")
                    enabled: !HubLink.busy
                    Accessible.name: qsTr("Unpair from the hub")
                    onClicked: HubLink.unpair()
                }
            }
        }

        Dialog {
            objectName: "hubFingerprintDialog"
            parent: Overlay.overlay
            anchors.centerIn: parent
            width: Math.min(560, page.width - 4 * Theme.spacing)
            modal: true
            visible: HubLink.fingerprintToConfirm.length > 0
            title: qsTr("Trust this hub's certificate?")
            standardButtons: Dialog.Yes | Dialog.No
            onAccepted: HubLink.confirmFingerprint()
            onRejected: HubLink.rejectFingerprint()

            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.spacing
                Text {
                    text: qsTr("The hub's certificate is not signed by an authority this computer trusts, as with a hub at home. Compare the fingerprint of its public key with the one the hub shows (tunescout-hub cert fingerprint); pair only if they are the same.")
                    color: Theme.textPrimary
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                TextEdit {
                    text: HubLink.fingerprintToConfirm
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.WrapAnywhere
                    font.family: "monospace"
                    font.pixelSize: Theme.fontBody
                    color: Theme.textPrimary
                    Layout.fillWidth: true
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Public-key SHA-256 fingerprint %1").arg(text)
                }
            }
        }

        Card {
            title: qsTr("Concerts")
            Layout.fillWidth: true

            Text {
                text: qsTr("Where to look for upcoming shows of your artists: a city (Berlin, London, Montréal, …) or coordinates as LAT,LON, and how far you would travel.")
                color: Theme.textSecondary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true

                TextField {
                    id: placeField
                    objectName: "concertPlaceField"
                    text: Concerts.place
                    placeholderText: qsTr("City or LAT,LON, e.g. 52.52,13.405")
                    selectByMouse: true
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Place to look for concerts near")
                    onAccepted: Concerts.savePlace(placeField.text, radiusField.text)
                }
                TextField {
                    id: radiusField
                    objectName: "concertRadiusField"
                    text: String(Concerts.radiusKm)
                    selectByMouse: true
                    inputMethodHints: Qt.ImhFormattedNumbersOnly
                    Layout.preferredWidth: 80
                    Accessible.name: qsTr("Radius in kilometres")
                    onAccepted: Concerts.savePlace(placeField.text, radiusField.text)
                }
                Text {
                    text: qsTr("km")
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontBody
                }
                Button {
                    objectName: "concertPlaceSave"
                    text: qsTr("Save")
                    enabled: placeField.text.length > 0
                    Accessible.name: qsTr("Save the place and radius for concerts")
                    onClicked: Concerts.savePlace(placeField.text, radiusField.text)
                }
            }
            Text {
                objectName: "concertPlaceError"
                visible: text.length > 0
                text: Concerts.placeError
                color: Theme.danger
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
        }

        Card {
            title: qsTr("Open metadata")
            Layout.fillWidth: true

            GenreLookup {
                objectName: "settingsGenreLookup"
                Layout.fillWidth: true
            }
            InfoRow {
                visible: Enrichment.available
                label: qsTr("MusicBrainz")
                value: Enrichment.serviceUrl
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
