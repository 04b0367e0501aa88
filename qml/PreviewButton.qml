import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia

// Plays the 30-second preview clip Spotify gives for some tracks (preview_url; apps in Development Mode get
// none), on this computer through Qt Multimedia. Hidden when there is no clip. The media player is made only
// when the clip is first played, so that nothing opens the audio device before the user asks.
// A clip that cannot be loaded or played (no network, no audio device, a format the system cannot decode) shows Qt
// Multimedia's reason next to the button, until the next try or the next track.
RowLayout {
    id: preview

    required property string previewUrl
    property MediaPlayer player: null // made on the first press
    readonly property bool playing: player !== null && player.playbackState === MediaPlayer.PlayingState
    // Qt Multimedia's words for the last failure; empty while none.
    property string errorText: ""

    // Keeps the first reason of a try and throws the failed media player away (the next press makes a new one):
    // Qt 6.4's GStreamer back end stays in PlayingState after an error, stop() would fetch the clip again (and
    // fail again), and late messages about the failed try must not reach the next one.
    function failed(message) {
        if (errorText.length > 0)
            return
        errorText = message.length > 0 ? message : qsTr("the clip could not be played")
        const failedPlayer = player
        player = null
        failedPlayer.destroy()
    }

    visible: previewUrl.length > 0
    spacing: Theme.spacing

    onPreviewUrlChanged: {
        errorText = ""
        if (player !== null)
            player.stop()
    }

    Button {
        id: button
        objectName: "previewPlayButton"
        text: preview.playing ? qsTr("Stop preview") : qsTr("Play preview")
        Accessible.name: preview.playing ? qsTr("Stop the preview clip") : qsTr("Play a 30-second preview clip on this computer")
        onClicked: {
            if (preview.playing) {
                preview.player.stop()
                return
            }
            preview.errorText = ""
            if (preview.player === null)
                preview.player = playerComponent.createObject(preview) as MediaPlayer
            preview.player.source = preview.previewUrl
            preview.player.play()
        }
    }
    Text {
        objectName: "previewError"
        visible: preview.errorText.length > 0
        text: qsTr("Preview unavailable: %1").arg(preview.errorText)
        color: Theme.danger
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        Layout.maximumWidth: 360
        Accessible.role: Accessible.AlertMessage
        Accessible.name: text
    }

    Component {
        id: playerComponent
        MediaPlayer {
            audioOutput: AudioOutput {}
        }
    }
    Connections {
        target: preview.player
        function onErrorOccurred(error, errorString) {
            preview.failed(errorString)
        }
        function onMediaStatusChanged() {
            if (preview.player.mediaStatus === MediaPlayer.InvalidMedia)
                preview.failed(preview.player.errorString)
        }
    }
}
