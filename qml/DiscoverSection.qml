import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// One of the Discover page's lists in a card: a button to save it as a Spotify playlist, a row per
// recommendation, or a line saying the list is empty.
Card {
    id: section

    required property DiscoverListModel model
    required property int list // Discover.List
    property string emptyText: qsTr("Nothing to recommend here yet.")

    Button {
        objectName: "saveAsPlaylistButton"
        visible: section.model.count > 0
        enabled: !Discover.savingPlaylist
        text: Discover.savingPlaylist ? qsTr("Saving…") : qsTr("Save as playlist")
        Accessible.name: qsTr("Save %1 as a new Spotify playlist").arg(section.title)
        onClicked: Discover.saveAsPlaylist(section.list)
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
