import QtQuick
import QtQuick.Layouts

// A label and a selectable value, read by screen readers as one line.
RowLayout {
    id: row

    required property string label
    required property string value

    spacing: 2 * Theme.spacing
    Layout.fillWidth: true

    Text {
        text: row.label
        color: Theme.textSecondary
        font.pixelSize: Theme.fontBody
        Layout.preferredWidth: 170
        Layout.alignment: Qt.AlignTop
    }
    TextEdit {
        text: row.value
        color: Theme.textPrimary
        font.pixelSize: Theme.fontBody
        readOnly: true
        selectByMouse: true
        wrapMode: TextEdit.WrapAnywhere
        Layout.fillWidth: true
        Accessible.role: Accessible.StaticText
        Accessible.name: row.label + ": " + row.value
    }
}
