import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A strip across the top of the content that says what needs the user's attention.
Rectangle {
    id: banner

    enum Severity { Warning, Danger }

    required property string title
    property string detail
    property int severity: StatusBanner.Warning
    // When set, a button with this text emits dismissed(); what dismissing means is up to the owner.
    property string dismissText
    property string dismissAccessibleName: dismissText

    signal dismissed()

    color: severity === StatusBanner.Danger ? Theme.dangerSurface : Theme.warningSurface
    border.color: severity === StatusBanner.Danger ? Theme.danger : Theme.warning
    radius: Theme.radius
    implicitHeight: Math.max(column.implicitHeight, dismiss.visible ? dismiss.implicitHeight : 0) + 2 * Theme.spacing
    Accessible.role: Accessible.AlertMessage
    Accessible.name: title + ". " + detail

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.right: dismiss.left
        anchors.margins: Theme.spacing
        spacing: 2

        Text {
            text: banner.title
            color: banner.severity === StatusBanner.Danger ? Theme.danger : Theme.warning
            font.pixelSize: Theme.fontBody
            font.weight: Font.DemiBold
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Text {
            visible: banner.detail.length > 0
            text: banner.detail
            color: Theme.textPrimary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }
    Button {
        id: dismiss
        visible: banner.dismissText.length > 0
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: visible ? Theme.spacing : 0
        width: visible ? implicitWidth : 0
        text: banner.dismissText
        Accessible.name: banner.dismissAccessibleName
        // A banner that cannot be dismissed has no button for a screen reader to find.
        Accessible.ignored: !visible
        onClicked: banner.dismissed()
    }
}
