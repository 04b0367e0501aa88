import QtQuick
import QtQuick.Controls
import QtMultimedia

// Plays the 30-second preview clip Spotify gives for some tracks (preview_url; apps in Development Mode get
// none), on this computer through Qt Multimedia. Hidden when there is no clip. The media player is made only
// when the clip is first played, so that nothing opens the audio device before the user asks.
Button {
    id: button

    required property string previewUrl
    property MediaPlayer player: null // made on the first press
    readonly property bool playing: player !== null && player.playbackState === MediaPlayer.PlayingState

    visible: previewUrl.length > 0
    text: playing ? qsTr("Stop preview") : qsTr("Play preview")
    Accessible.name: playing ? qsTr("Stop the preview clip") : qsTr("Play a 30-second preview clip on this computer")

    onPreviewUrlChanged: if (player !== null) player.stop()
    onClicked: {
        if (playing) {
            player.stop()
            return
        }
        if (player === null)
            player = playerComponent.createObject(button) as MediaPlayer
        player.source = previewUrl
        player.play()
    }

    Component {
        id: playerComponent
        MediaPlayer {
            audioOutput: AudioOutput {}
        }
    }
}
