import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// One of the Discover page's lists in a card: buttons to play it on the active Spotify device and to save it as
// a Spotify playlist, a row per recommendation, or a line saying the list is empty.
Card {
    id: section

    required property DiscoverListModel model
    required property int list // Discover.List
    property string emptyText: qsTr("Nothing to recommend here yet.")

    RowLayout {
        visible: section.model.count > 0
        spacing: Theme.spacing

        Button {
            objectName: "playListButton"
            text: qsTr("Play")
            enabled: Player.available && !Player.premiumRequired
            Accessible.name: qsTr("Play %1 on your Spotify device").arg(section.title)
            onClicked: Player.playUris(section.model.uris())
        }
        Button {
            objectName: "saveAsPlaylistButton"
            enabled: !Discover.savingPlaylist
            text: Discover.savingPlaylist ? qsTr("Saving…") : qsTr("Save as playlist")
            Accessible.name: qsTr("Save %1 as a new Spotify playlist").arg(section.title)
            onClicked: Discover.saveAsPlaylist(section.list)
        }
    }

    Text {
        visible: section.model.count === 0
        text: section.emptyText
        color: Theme.textSecondary
        font.pixelSize: Theme.fontBody
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }

    Repeater {
        model: section.model
        delegate: DiscoverItemRow {
            Layout.fillWidth: true
        }
    }
}
