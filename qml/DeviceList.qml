import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// One row per Spotify Connect device: a symbol of its kind, its name and kind in words, and "Play here" for every device but the active one.
ColumnLayout {
    id: list

    signal transferred()

    spacing: Theme.spacing / 2

    Text {
        visible: Player.devices.length === 0
        text: qsTr("Spotify lists no devices. Open Spotify on a phone, computer or speaker, then look again.")
        color: Theme.textSecondary
        font.pixelSize: Theme.fontBody
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }

    Repeater {
        model: Player.devices
        delegate: RowLayout {
            id: row

            required property var modelData

            spacing: Theme.spacing
            Layout.fillWidth: true
            Accessible.role: Accessible.ListItem
            Accessible.name: row.modelData.active ? qsTr("%1, %2, playing here").arg(row.modelData.name).arg(row.modelData.typeName)
                                                  : qsTr("%1, %2").arg(row.modelData.name).arg(row.modelData.typeName)

            // The kind of device at a glance; the words under the name say it for screen readers.
            Text {
                text: row.modelData.glyph
                font.family: "DejaVu Sans"
                font.pixelSize: Theme.fontTitle
                color: row.modelData.active ? Theme.accent : Theme.textSecondary
                horizontalAlignment: Text.AlignHCenter
                Layout.preferredWidth: Theme.fontTitle + Theme.spacing
                Accessible.ignored: true
            }
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true

                Text {
                    text: row.modelData.name
                    color: row.modelData.active ? Theme.accent : Theme.textPrimary
                    font.pixelSize: Theme.fontBody
                    font.weight: row.modelData.active ? Font.DemiBold : Font.Normal
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Text {
                    objectName: "deviceType"
                    text: row.modelData.active ? qsTr("%1 · playing here").arg(row.modelData.typeName) : row.modelData.typeName
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall
                    Layout.fillWidth: true
                }
            }
            Button {
                objectName: "transferButton"
                visible: !row.modelData.active
                enabled: !row.modelData.restricted && !Player.premiumRequired
                text: qsTr("Play here")
                Accessible.name: qsTr("Play on %1").arg(row.modelData.name)
                onClicked: {
                    Player.transfer(row.modelData.id)
                    list.transferred()
                }
            }
        }
    }
}
