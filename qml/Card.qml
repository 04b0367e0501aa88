import QtQuick
import QtQuick.Layouts

// A raised panel with a title; children go into its column.
Rectangle {
    id: card

    required property string title
    default property alias content: column.data

    color: Theme.surface
    radius: Theme.radius
    border.color: Theme.outline
    implicitWidth: column.implicitWidth + 2 * padding.value
    implicitHeight: column.implicitHeight + 2 * padding.value
    Accessible.role: Accessible.Grouping
    Accessible.name: card.title

    QtObject {
        id: padding
        readonly property int value: 2 * Theme.spacing
    }

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: padding.value
        spacing: Theme.spacing

        Text {
            text: card.title
            color: Theme.textPrimary
            font.pixelSize: Theme.fontTitle
            font.weight: Font.DemiBold
            Layout.fillWidth: true
        }
    }
}
