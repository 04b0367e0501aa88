import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// The player bar under every page: what plays on the user's active Spotify device (Player) and its controls.
// Every control follows Player's can* flags, which already fold in what the current context disallows. Without
// Premium, Spotify refuses every command: the controls are disabled and the bar says why, once, in place of the
// track. When Spotify reports that no device is active, the device picker opens with the devices to play on.
Rectangle {
    id: bar

    // The controls can be used at all: signed in, a Premium account.
    readonly property bool controlsUsable: Player.available && !Player.premiumRequired

    function openDevicePicker() {
        Player.refreshDevices()
        picker.open()
    }

    // "m:ss", or "h:mm:ss" for an item over an hour long (podcast episodes).
    function formatTime(ms) {
        const total = Math.max(0, Math.floor(ms / 1000))
        const hours = Math.floor(total / 3600)
        const minutes = Math.floor(total / 60) % 60
        const seconds = total % 60
        const ss = (seconds < 10 ? "0" : "") + seconds
        if (hours > 0)
            return hours + ":" + (minutes < 10 ? "0" : "") + minutes + ":" + ss
        return minutes + ":" + ss
    }

    color: Theme.surface
    border.color: Theme.outline
    implicitHeight: layout.implicitHeight + 2 * Theme.spacing
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Player")

    Connections {
        target: Player
        function onErrorChanged() {
            if (Player.noActiveDevice && !picker.opened)
                bar.openDevicePicker()
        }
    }

    RowLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: Theme.spacing
        anchors.leftMargin: 2 * Theme.spacing
        anchors.rightMargin: 2 * Theme.spacing
        spacing: 2 * Theme.spacing

        // The cover, or an empty square while there is none.
        Rectangle {
            color: Theme.surfaceRaised
            radius: Theme.radius / 2
            Layout.preferredWidth: 56
            Layout.preferredHeight: 56

            Image {
                objectName: "playerBarCover"
                anchors.fill: parent
                source: Player.coverUrl
                fillMode: Image.PreserveAspectCrop
                sourceSize.width: 112
                sourceSize.height: 112
                asynchronous: true
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("Cover of %1").arg(Player.album)
            }
        }

        // The track, and the one explanation of why it cannot be controlled or what went wrong.
        ColumnLayout {
            spacing: 2
            Layout.preferredWidth: 240
            Layout.fillWidth: true

            Text {
                objectName: "playerBarTitle"
                text: Player.title.length > 0 ? Player.title
                    : Player.available ? qsTr("Nothing is playing") : qsTr("Sign in to control playback")
                color: Theme.textPrimary
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                // Two lines, so that "sign in" reads whole in longer languages too.
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            Text {
                objectName: "playerBarArtists"
                visible: !Player.premiumRequired && text.length > 0
                text: Player.artists
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            // What the last like or hide did, for a few seconds.
            Text {
                id: feedbackNotice
                objectName: "playerBarFeedbackNotice"
                visible: noticeTimer.running && text.length > 0
                text: Player.feedbackNotice
                color: Player.feedbackNoticeIsError ? Theme.danger : Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text

                Timer {
                    id: noticeTimer
                    interval: 6000
                }
                Connections {
                    target: Player
                    function onFeedbackNoticeChanged() {
                        noticeTimer.restart()
                    }
                }
            }
            Text {
                objectName: "playerBarExplanation"
                visible: Player.premiumRequired || (Player.errorMessage.length > 0 && !Player.noActiveDevice)
                text: Player.errorMessage
                color: Player.premiumRequired ? Theme.warning : Theme.danger
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                maximumLineCount: 3
                elide: Text.ElideRight
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
        }

        // The user's word on the current track: the heart (the Spotify library) and "hide" for the recommendations.
        RowLayout {
            spacing: 0
            visible: Player.canGiveFeedback

            PlayerButton {
                objectName: "likeButton"
                glyph: Player.liked ? "\u2665" : "\u2661"
                checked: Player.liked
                Accessible.name: Player.liked ? qsTr("Liked; remove “%1” from your library").arg(Player.title)
                                              : qsTr("Like “%1” and save it to your library").arg(Player.title)
                onClicked: Player.toggleLike()
            }
            PlayerButton {
                id: hideButton
                objectName: "hideButton"
                glyph: "\u2298"
                Accessible.name: qsTr("Hide from recommendations…")
                onClicked: hideMenu.open()

                Menu {
                    id: hideMenu
                    objectName: "hideMenu"
                    y: -height

                    MenuItem {
                        objectName: "hideTrackMenuItem"
                        text: qsTr("Hide this track")
                        Accessible.name: qsTr("Never recommend “%1” again").arg(Player.title)
                        onTriggered: Player.hideTrack()
                    }
                    MenuItem {
                        objectName: "hideArtistMenuItem"
                        enabled: Player.canHideArtist
                        text: qsTr("Hide this artist")
                        Accessible.name: qsTr("Never recommend anything by %1 again").arg(Player.artists)
                        onTriggered: Player.hideArtist()
                    }
                }
            }
        }

        // The transport controls over the progress.
        ColumnLayout {
            spacing: 0
            Layout.preferredWidth: 420
            Layout.fillWidth: true

            RowLayout {
                spacing: Theme.spacing
                Layout.alignment: Qt.AlignHCenter

                PlayerButton {
                    objectName: "shuffleButton"
                    glyph: "\u21c4"
                    checked: Player.shuffle
                    enabled: bar.controlsUsable && Player.canShuffle
                    Accessible.name: Player.shuffle ? qsTr("Shuffle is on; turn it off") : qsTr("Shuffle is off; turn it on")
                    onClicked: Player.setShuffle(!Player.shuffle)
                }
                PlayerButton {
                    objectName: "previousButton"
                    glyph: "\u21e4"
                    enabled: bar.controlsUsable && Player.canSkipPrevious
                    Accessible.name: qsTr("Previous track")
                    onClicked: Player.previous()
                }
                PlayerButton {
                    objectName: "playPauseButton"
                    glyph: Player.playing ? "\u2759\u2759" : "\u25b6"
                    prominent: true
                    enabled: bar.controlsUsable && Player.canPlayPause
                    Accessible.name: Player.playing ? qsTr("Pause") : qsTr("Play")
                    onClicked: Player.playPause()
                }
                PlayerButton {
                    objectName: "nextButton"
                    glyph: "\u21e5"
                    enabled: bar.controlsUsable && Player.canSkipNext
                    Accessible.name: qsTr("Next track")
                    onClicked: Player.next()
                }
                PlayerButton {
                    objectName: "repeatButton"
                    // off → context → track → off, as Spotify's own apps cycle.
                    glyph: Player.repeatMode === "track" ? "\u21bb1" : "\u21bb"
                    checked: Player.repeatMode !== "off"
                    enabled: bar.controlsUsable && Player.canRepeat
                    Accessible.name: Player.repeatMode === "track" ? qsTr("Repeat the track; turn repeat off")
                                   : Player.repeatMode === "context" ? qsTr("Repeat the list; repeat the track instead")
                                   : qsTr("Repeat is off; repeat the list")
                    onClicked: Player.setRepeatMode(Player.repeatMode === "off" ? "context"
                                                    : Player.repeatMode === "context" ? "track" : "off")
                }
            }

            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true

                Text {
                    text: bar.formatTime(Player.progressMs)
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall
                }
                Slider {
                    id: seekSlider
                    objectName: "seekSlider"
                    from: 0
                    to: Math.max(1, Player.durationMs)
                    stepSize: 5000
                    enabled: bar.controlsUsable && Player.canSeek
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Position in the track: %1 of %2")
                                     .arg(bar.formatTime(Player.progressMs)).arg(bar.formatTime(Player.durationMs))

                    // Follows the interpolated progress, except while the user drags the handle.
                    Binding on value {
                        when: !seekSlider.pressed
                        value: Player.progressMs
                        restoreMode: Binding.RestoreNone
                    }
                    onPressedChanged: if (!pressed) Player.seek(Math.round(value))
                    onMoved: if (!pressed) Player.seek(Math.round(value)) // from the keyboard
                }
                Text {
                    text: bar.formatTime(Player.durationMs)
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall
                }
            }
        }

        // Volume and where it plays.
        RowLayout {
            spacing: Theme.spacing
            Layout.preferredWidth: 240
            Layout.fillWidth: true

            Slider {
                id: volumeSlider
                objectName: "volumeSlider"
                from: 0
                to: 100
                stepSize: 5
                enabled: bar.controlsUsable && Player.canChangeVolume
                Layout.fillWidth: true
                Accessible.name: Player.volume >= 0 ? qsTr("Volume: %1 %").arg(Player.volume)
                                                    : qsTr("Volume: this device does not allow changing it")

                Binding on value {
                    when: !volumeSlider.pressed
                    value: Math.max(0, Player.volume)
                    restoreMode: Binding.RestoreNone
                }
                onPressedChanged: if (!pressed) Player.setVolume(Math.round(value))
                onMoved: if (!pressed) Player.setVolume(Math.round(value))
            }
            Button {
                objectName: "deviceButton"
                text: Player.deviceName.length > 0 ? Player.deviceName : qsTr("Devices")
                enabled: bar.controlsUsable
                Layout.maximumWidth: 180
                Accessible.name: Player.deviceName.length > 0 ? qsTr("Playing on %1; choose a device").arg(Player.deviceName)
                                                              : qsTr("Choose a device to play on")
                onClicked: bar.openDevicePicker()
            }
        }
    }

    DevicePicker {
        id: picker
        objectName: "devicePicker"
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
    }
}
