import QtQuick
import QtQuick.Layouts
import TuneScout.Backend

// The listening clock: weekday by hour, in this computer's time zone.
DashboardSection {
    name: qsTr("Listening clock")

    Card {
        title: qsTr("When you listen")
        Layout.fillWidth: true

        ClockHeatmap {
            objectName: "listeningClock"
            values: Dashboard.clockValues
            maxValue: Dashboard.clockMax
            cellSize: 26
            unit: Dashboard.measure === Dashboard.Plays ? qsTr("plays") : qsTr("minutes")
        }
        Text {
            objectName: "clockPeak"
            text: Dashboard.clockPeakText.length > 0 ? Dashboard.clockPeakText : qsTr("Nothing was played in this period.")
            color: Theme.textPrimary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Text {
            text: qsTr("Hours are in this computer's time zone; a play counts at the moment it ended.")
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }
}
