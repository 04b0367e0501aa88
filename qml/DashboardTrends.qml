import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// Plays or minutes per day, week or month across the period.
DashboardSection {
    name: qsTr("Trends")

    Card {
        title: Dashboard.measure === Dashboard.Plays ? qsTr("Plays over time") : qsTr("Minutes over time")
        Layout.fillWidth: true

        ComboBox {
            objectName: "trendPeriod"
            model: [qsTr("Per day"), qsTr("Per week"), qsTr("Per month")]
            currentIndex: Dashboard.trendPeriod === Dashboard.Day ? 0 : Dashboard.trendPeriod === Dashboard.Week ? 1 : 2
            Accessible.name: qsTr("Group by")
            onActivated: (index) => Dashboard.trendPeriod = [Dashboard.Day, Dashboard.Week, Dashboard.Month][index]
        }
        BarChart {
            objectName: "trendChart"
            model: Dashboard.trend
            title: Dashboard.measure === Dashboard.Plays ? qsTr("Plays over time") : qsTr("Minutes over time")
            chartHeight: 260
            Layout.fillWidth: true
        }
    }
}
