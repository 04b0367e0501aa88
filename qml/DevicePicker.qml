import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// The user's Spotify Connect devices (Player.devices), each with a button to move playback there. Opened from the
// player bar's device button, and by itself when Spotify reports that no device is active: then it says so and
// offers the transfer.
Popup {
    id: picker

    modal: true
    focus: true
    padding: 2 * Theme.spacing
    width: 420

    background: Rectangle {
        color: Theme.surface
        radius: Theme.radius
        border.color: Theme.outline
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Accessible.role: Accessible.Dialog
        Accessible.name: qsTr("Devices")

        Text {
            text: Player.noActiveDevice ? qsTr("No Spotify device is active") : qsTr("Play on")
            color: Theme.textPrimary
            font.pixelSize: Theme.fontTitle
            font.weight: Font.DemiBold
            Layout.fillWidth: true
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Text {
            objectName: "devicePickerOffer"
            visible: Player.noActiveDevice
            text: qsTr("Choose one of your devices to play on. If yours is missing, open Spotify on it first.")
            color: Theme.textSecondary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }

        DeviceList {
            onTransferred: picker.close()
            Layout.fillWidth: true
        }

        Button {
            text: qsTr("Close")
            Layout.alignment: Qt.AlignRight
            Accessible.name: qsTr("Close the device list")
            onClicked: picker.close()
        }
    }
}
