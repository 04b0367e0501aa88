import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// The list of pages on the left. Arrow keys move between pages, Enter or a click opens one.
Rectangle {
    id: rail

    property alias model: list.model
    property alias currentIndex: list.currentIndex

    color: Theme.surface
    implicitWidth: Theme.railWidth

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        Text {
            text: qsTr("TuneScout")
            color: Theme.accent
            font.pixelSize: Theme.fontTitle + 2
            font.weight: Font.Bold
            Layout.margins: Theme.spacing
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }

        ListView {
            id: list

            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 2
            clip: true
            focus: true
            keyNavigationEnabled: true
            activeFocusOnTab: true
            boundsBehavior: Flickable.StopAtBounds
            Accessible.role: Accessible.PageTabList
            Accessible.name: qsTr("Pages")

            delegate: ItemDelegate {
                id: entry

                required property int index
                required property string title
                required property string subtitle
                required property string shortcut

                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                focusPolicy: Qt.NoFocus
                Accessible.role: Accessible.PageTab
                Accessible.name: title
                Accessible.description: subtitle
                Accessible.selected: highlighted
                onClicked: ListView.view.currentIndex = index

                // Ctrl+1 … Ctrl+8 open a page from anywhere in the window.
                Shortcut {
                    sequence: entry.shortcut
                    onActivated: entry.ListView.view.currentIndex = entry.index
                }
                ToolTip.visible: hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("%1 (%2)").arg(subtitle).arg(shortcut)

                contentItem: Text {
                    text: entry.title
                    color: entry.highlighted ? Theme.textPrimary : Theme.textSecondary
                    font.pixelSize: Theme.fontBody
                    font.weight: entry.highlighted ? Font.DemiBold : Font.Normal
                    verticalAlignment: Text.AlignVCenter
                    leftPadding: Theme.spacing
                }
                background: Rectangle {
                    radius: Theme.radius - 2
                    color: entry.highlighted ? Theme.accentMuted : (entry.hovered ? Theme.surfaceRaised : "transparent")
                    border.color: entry.ListView.view.activeFocus && entry.highlighted ? Theme.accent : "transparent"
                    border.width: 2
                }
            }
        }

        Text {
            text: CacheStatus.summary
            color: CacheStatus.needsAttention ? Theme.warning : Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Cache status: %1").arg(text)
        }
    }
}
