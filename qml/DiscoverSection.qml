import QtQuick
import QtQuick.Layouts
import TuneScout.Backend

// One of the Discover page's lists in a card: a row per recommendation, or a line saying the list is empty.
Card {
    id: section

    required property DiscoverListModel model
    property string emptyText: qsTr("Nothing to recommend here yet.")

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
