import QtQuick
import QtQuick.Layouts

// One key figure: a big number and what it counts, read by screen readers as one sentence.
Rectangle {
    id: tile

    required property string label
    required property string value
    property string note

    color: Theme.surfaceRaised
    radius: Theme.radius - 2
    implicitWidth: 150
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    Accessible.role: Accessible.StaticText
    Accessible.name: note.length > 0 ? qsTr("%1: %2 (%3)").arg(label).arg(value).arg(note)
                                     : qsTr("%1: %2").arg(label).arg(value)

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: 2

        Text {
            text: tile.value.length > 0 ? tile.value : qsTr("—")
            color: Theme.textPrimary
            font.pixelSize: Theme.fontHeadline
            font.weight: Font.DemiBold
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Text {
            text: tile.label
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Text {
            visible: tile.note.length > 0
            text: tile.note
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall - 1
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
    }
}
