import QtQuick
import QtQuick.Controls

// A round transport button of the player bar: a symbol (not words, so nothing to translate), lit while its mode
// (shuffle, repeat) is on. The symbol says nothing to a screen reader: every use sets Accessible.name.
AbstractButton {
    id: button

    property bool prominent: false // play/pause: larger, filled
    property string glyph

    implicitWidth: prominent ? 44 : 36
    implicitHeight: implicitWidth
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button

    contentItem: Text {
        text: button.glyph
        font.family: "DejaVu Sans"
        font.pixelSize: button.prominent ? Theme.fontTitle : Theme.fontBody + 2
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        color: !button.enabled ? Theme.outline
             : button.prominent ? Theme.background
             : button.checked ? Theme.accent : Theme.textPrimary
    }
    background: Rectangle {
        radius: width / 2
        color: button.prominent ? (button.enabled ? Theme.accent : Theme.surfaceRaised)
             : button.down || button.hovered ? Theme.surfaceRaised : "transparent"
        border.width: button.visualFocus ? 2 : 0
        border.color: Theme.textPrimary
    }
}
