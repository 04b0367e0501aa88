import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// The detail view of an artist, track or album opened from any list: plays over time, first and last listen
// and skip rate in the dashboards' period. Escape or the Close button closes it.
Popup {
    id: popup

    function show(kind, id) {
        Dashboard.openDetail(kind, id)
        open()
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 80 : 700, 760)
    modal: true
    focus: true
    padding: 2 * Theme.spacing
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    onClosed: Dashboard.closeDetail()

    background: Rectangle {
        color: Theme.surface
        radius: Theme.radius
        border.color: Theme.outline
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Accessible.role: Accessible.Dialog
        Accessible.name: qsTr("%1: %2").arg(Dashboard.detail.kindName).arg(Dashboard.detail.title)

        Text {
            text: Dashboard.detail.kindName
            color: Theme.accent
            font.pixelSize: Theme.fontSmall
            font.weight: Font.DemiBold
        }
        Text {
            objectName: "detailTitle"
            text: Dashboard.detail.busy ? qsTr("Loading…") : (Dashboard.detail.found ? Dashboard.detail.title : qsTr("Not in your history"))
            color: Theme.textPrimary
            font.pixelSize: Theme.fontHeadline
            font.weight: Font.DemiBold
            elide: Text.ElideRight
            Layout.fillWidth: true
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Text {
            visible: text.length > 0
            text: Dashboard.detail.subtitle
            color: Theme.textSecondary
            font.pixelSize: Theme.fontBody
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        GridLayout {
            columns: 5
            columnSpacing: Theme.spacing
            Layout.fillWidth: true

            StatTile { objectName: "detailPlays"; label: qsTr("Plays"); value: Dashboard.detail.playsText; Layout.fillWidth: true }
            StatTile { objectName: "detailMinutes"; label: qsTr("Minutes"); value: Dashboard.detail.minutesText; Layout.fillWidth: true }
            StatTile { objectName: "detailSkipRate"; label: qsTr("Skipped"); value: Dashboard.detail.skipRateText; Layout.fillWidth: true }
            StatTile { objectName: "detailFirst"; label: qsTr("First listen"); value: Dashboard.detail.firstListen; Layout.fillWidth: true; Layout.columnSpan: 1 }
            StatTile { objectName: "detailLast"; label: qsTr("Last listen"); value: Dashboard.detail.lastListen; Layout.fillWidth: true }
        }
        BarChart {
            objectName: "detailChart"
            model: Dashboard.detail.months
            title: qsTr("Plays per month")
            emptyText: qsTr("Not played in this period.")
            chartHeight: 150
            Layout.fillWidth: true
        }
        Button {
            text: qsTr("Close")
            Accessible.name: qsTr("Close the detail view")
            Layout.alignment: Qt.AlignRight
            onClicked: popup.close()
        }
    }
}
