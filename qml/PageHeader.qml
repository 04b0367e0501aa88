import QtQuick
import QtQuick.Layouts

// The title and one line of explanation at the top of a page.
ColumnLayout {
    id: header

    required property string title
    property string subtitle

    spacing: Theme.spacing / 2

    Text {
        text: header.title
        color: Theme.textPrimary
        font.pixelSize: Theme.fontHeadline
        font.weight: Font.DemiBold
        Accessible.role: Accessible.Heading
        Accessible.name: header.title
    }
    Text {
        visible: header.subtitle.length > 0
        text: header.subtitle
        color: Theme.textSecondary
        font.pixelSize: Theme.fontBody
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
}
