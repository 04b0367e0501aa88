import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// Player: what plays on the user's Spotify devices in full (large cover, title, artists, album, device), the
// devices with a transfer to each, and the queue with "add to queue". The controls themselves are the player
// bar's, under every page; the page does not repeat the Premium explanation the bar gives.
FocusScope {
    id: page

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Player")

    function refreshLists() {
        if (page.usable) {
            Player.refreshDevices()
            Player.refreshQueue()
        }
    }

    onVisibleChanged: if (visible) refreshLists()
    Component.onCompleted: if (visible) refreshLists()

    // A new track moves the queue along; signing in or an upgrade to Premium brings the devices.
    readonly property string trackUri: Player.trackUri
    readonly property bool usable: Player.available && !Player.premiumRequired
    onTrackUriChanged: if (visible) refreshLists()
    onUsableChanged: if (visible) refreshLists()

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroll.availableWidth
            spacing: 2 * Theme.spacing

            PageHeader {
                title: qsTr("Player")
                subtitle: qsTr("Control playback on your Spotify devices. Spotify streams no sound to other apps: TuneScout tells the device you choose what to play, which needs Spotify Premium.")
                Layout.fillWidth: true
            }

            Text {
                objectName: "playerPageError"
                visible: Player.errorMessage.length > 0 && !Player.premiumRequired
                text: Player.errorMessage
                color: Theme.danger
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }

            // Now playing: the large cover and what it is.
            RowLayout {
                spacing: 3 * Theme.spacing
                Layout.fillWidth: true

                Rectangle {
                    color: Theme.surfaceRaised
                    radius: Theme.radius
                    Layout.preferredWidth: 240
                    Layout.preferredHeight: 240

                    Image {
                        objectName: "playerPageCover"
                        anchors.fill: parent
                        source: Player.coverUrl
                        fillMode: Image.PreserveAspectCrop
                        sourceSize.width: 480
                        sourceSize.height: 480
                        asynchronous: true
                        Accessible.role: Accessible.Graphic
                        Accessible.name: qsTr("Cover of %1").arg(Player.album)
                    }
                }

                ColumnLayout {
                    spacing: Theme.spacing
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignVCenter

                    Text {
                        objectName: "playerPageTitle"
                        text: Player.title.length > 0 ? Player.title
                            : Player.available ? qsTr("Nothing is playing") : qsTr("Sign in with Spotify on the Home page to control playback")
                        color: Theme.textPrimary
                        font.pixelSize: Theme.fontHeadline
                        font.weight: Font.DemiBold
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                        Accessible.role: Accessible.Heading
                        Accessible.name: text
                    }
                    Text {
                        visible: text.length > 0
                        text: Player.artists
                        color: Theme.textPrimary
                        font.pixelSize: Theme.fontTitle
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Text {
                        visible: text.length > 0
                        text: Player.album
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    PreviewButton {
                        objectName: "previewButton"
                        previewUrl: Player.previewUrl
                    }
                    // The user's word on the track, as in the player bar: stored for the recommendations.
                    RowLayout {
                        visible: Player.canGiveFeedback
                        spacing: Theme.spacing

                        Button {
                            objectName: "pageLikeButton"
                            text: Player.liked ? qsTr("\u2665 Liked") : qsTr("\u2661 Like")
                            highlighted: Player.liked
                            Accessible.name: Player.liked ? qsTr("Liked; remove “%1” from your library").arg(Player.title)
                                                          : qsTr("Like “%1” and save it to your library").arg(Player.title)
                            onClicked: Player.toggleLike()
                        }
                        Button {
                            objectName: "pageHideTrackButton"
                            text: qsTr("Hide this track")
                            Accessible.name: qsTr("Never recommend “%1” again").arg(Player.title)
                            onClicked: Player.hideTrack()
                        }
                        Button {
                            objectName: "pageHideArtistButton"
                            text: qsTr("Hide this artist")
                            enabled: Player.canHideArtist
                            Accessible.name: qsTr("Never recommend anything by %1 again").arg(Player.artists)
                            onClicked: Player.hideArtist()
                        }
                    }
                    Text {
                        objectName: "playerPageFeedbackNotice"
                        visible: text.length > 0
                        text: Player.feedbackNotice
                        color: Player.feedbackNoticeIsError ? Theme.danger : Theme.textSecondary
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                    }
                    Text {
                        visible: Player.deviceName.length > 0
                        text: Player.playing ? qsTr("Playing on %1").arg(Player.deviceName)
                                             : qsTr("Paused on %1").arg(Player.deviceName)
                        color: Theme.accent
                        font.pixelSize: Theme.fontBody
                        Layout.fillWidth: true
                    }
                }
            }

            RowLayout {
                spacing: 2 * Theme.spacing
                Layout.fillWidth: true

                Card {
                    title: qsTr("Devices")
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop

                    DeviceList {
                        Layout.fillWidth: true
                    }
                    Button {
                        text: qsTr("Look again")
                        enabled: Player.available && !Player.premiumRequired
                        Accessible.name: qsTr("Look for devices again")
                        onClicked: Player.refreshDevices()
                    }
                }

                Card {
                    objectName: "queueCard"
                    title: qsTr("Up next")
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop

                    RowLayout {
                        spacing: Theme.spacing
                        Layout.fillWidth: true

                        TextField {
                            id: queueField
                            objectName: "queueUriField"
                            placeholderText: qsTr("spotify:track:… or spotify:episode:…")
                            enabled: Player.available && !Player.premiumRequired
                            Layout.fillWidth: true
                            Accessible.name: qsTr("Spotify URI of a track or episode to add to the queue")
                            onAccepted: addButton.clicked()
                        }
                        Button {
                            id: addButton
                            objectName: "addToQueueButton"
                            text: qsTr("Add to queue")
                            enabled: queueField.enabled && queueField.text.trim().length > 0
                            Accessible.name: qsTr("Add %1 to the queue").arg(queueField.text.trim())
                            onClicked: {
                                Player.addToQueue(queueField.text.trim())
                                queueField.clear()
                            }
                        }
                    }

                    Text {
                        visible: Player.queue.length === 0
                        text: qsTr("Nothing is queued.")
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontBody
                        Layout.fillWidth: true
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                    }
                    Repeater {
                        model: Player.queue
                        delegate: ColumnLayout {
                            id: entry

                            required property var modelData

                            spacing: 0
                            Layout.fillWidth: true
                            Accessible.role: Accessible.ListItem
                            Accessible.name: qsTr("%1 by %2").arg(entry.modelData.title).arg(entry.modelData.artists)

                            Text {
                                text: entry.modelData.title
                                color: Theme.textPrimary
                                font.pixelSize: Theme.fontBody
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Text {
                                text: entry.modelData.artists
                                color: Theme.textSecondary
                                font.pixelSize: Theme.fontSmall
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                    }
                }
            }
        }
    }
}
