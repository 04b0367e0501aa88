import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A page whose feature is not built yet: it says what will be here, and nothing pretends to work.
ScrollView {
    id: page

    required property string title
    required property string subtitle
    required property string plan

    contentWidth: availableWidth
    Accessible.role: Accessible.Pane
    Accessible.name: title

    ColumnLayout {
        width: page.availableWidth
        spacing: 2 * Theme.spacing

        PageHeader {
            title: page.title
            subtitle: page.subtitle
            Layout.fillWidth: true
        }
        Card {
            title: qsTr("Not available yet")
            Layout.fillWidth: true

            Text {
                text: page.plan
                color: Theme.textSecondary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
        }
    }
}
