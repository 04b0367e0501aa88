import QtQuick
import QtQuick.Layouts

// A strip across the top of the content that says what needs the user's attention.
Rectangle {
    id: banner

    enum Severity { Warning, Danger }

    required property string title
    property string detail
    property int severity: StatusBanner.Warning

    color: severity === StatusBanner.Danger ? Theme.dangerSurface : Theme.warningSurface
    border.color: severity === StatusBanner.Danger ? Theme.danger : Theme.warning
    radius: Theme.radius
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    Accessible.role: Accessible.AlertMessage
    Accessible.name: title + ". " + detail

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: 2

        Text {
            text: banner.title
            color: banner.severity === StatusBanner.Danger ? Theme.danger : Theme.warning
            font.pixelSize: Theme.fontBody
            font.weight: Font.DemiBold
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
}
