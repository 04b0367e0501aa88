import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One upcoming show on the Concerts page: when, who, where, how far, why it is there, and its ticket and
// calendar buttons.
Rectangle {
    id: row

    required property string artist
    required property string event
    required property string date
    required property string time
    required property string venue
    required property string city
    required property string distance
    required property string why
    required property string ticketUrl
    required property bool stale
    required property string staleAge
    required property bool support
    required property int showIndex

    signal calendarRequested()

    readonly property string where: venue.length > 0 && city.length > 0 ? qsTr("%1, %2").arg(venue).arg(city) : venue + city

    implicitHeight: content.implicitHeight + 2 * Theme.spacing
    color: Theme.surface
    radius: Theme.radius
    border.color: stale ? Theme.warning : Theme.outline
    Accessible.role: Accessible.ListItem
    Accessible.name: qsTr("%1 on %2 at %3").arg(artist).arg(date).arg(where)

    RowLayout {
        id: content
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: 2 * Theme.spacing

        ColumnLayout {
            spacing: 0
            Layout.preferredWidth: 90
            Layout.alignment: Qt.AlignTop

            Text {
                text: row.date
                color: Theme.textPrimary
                font.pixelSize: Theme.fontBody
                font.bold: true
            }
            Text {
                visible: text.length > 0
                text: row.time
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
            }
        }
        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true

            Text {
                text: row.support ? qsTr("%1 (support)").arg(row.artist) : row.artist
                color: Theme.textPrimary
                font.pixelSize: Theme.fontTitle
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Text {
                visible: row.event.length > 0
                text: row.event
                color: Theme.textSecondary
                font.pixelSize: Theme.fontBody
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Text {
                text: row.distance.length > 0 ? qsTr("%1 · %2").arg(row.where).arg(row.distance) : row.where
                color: Theme.textPrimary
                font.pixelSize: Theme.fontBody
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Text {
                objectName: "concertWhy"
                text: row.why
                color: Theme.accent
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Text {
                objectName: "concertStaleAge"
                visible: row.stale
                text: row.staleAge
                color: Theme.warning
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        Button {
            text: qsTr("Tickets")
            enabled: row.ticketUrl.length > 0
            Accessible.name: qsTr("Open the tickets for %1 on %2 in the browser").arg(row.artist).arg(row.date)
            onClicked: Qt.openUrlExternally(row.ticketUrl)
        }
        Button {
            text: qsTr("Add to calendar")
            Accessible.name: qsTr("Save %1 on %2 as a calendar file").arg(row.artist).arg(row.date)
            onClicked: row.calendarRequested()
        }
    }
}
