import QtQuick
import QtQuick.Controls

// A tab of a section bar in the app's colours: the open section raised, the others quiet.
TabButton {
    id: tab

    width: implicitWidth
    padding: Theme.spacing
    leftPadding: 1.5 * Theme.spacing
    rightPadding: 1.5 * Theme.spacing
    Accessible.role: Accessible.PageTab
    Accessible.name: text

    contentItem: Text {
        text: tab.text
        color: tab.checked ? Theme.textPrimary : Theme.textSecondary
        font.pixelSize: Theme.fontBody
        font.weight: tab.checked ? Font.DemiBold : Font.Normal
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        radius: Theme.radius - 4
        color: tab.checked ? Theme.accentMuted : (tab.hovered ? Theme.surfaceRaised : "transparent")
        border.color: tab.visualFocus ? Theme.accent : "transparent"
        border.width: 2
    }
}
