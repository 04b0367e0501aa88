import QtQuick
import QtQuick.Layouts
import TuneScout.Backend

// New artists: how many each month, and each artist's first listen, the most recent first.
DashboardSection {
    id: discovery

    signal openRequested(int itemKind, int itemId)

    name: qsTr("Discovery")

    Card {
        title: qsTr("New artists per month")
        Layout.fillWidth: true

        BarChart {
            objectName: "newArtistsChart"
            model: Dashboard.newArtists
            title: qsTr("New artists per month")
            emptyText: qsTr("No artist was heard for the first time in this period.")
            Layout.fillWidth: true
        }
    }
    Card {
        title: qsTr("First listens")
        Layout.fillWidth: true

        Text {
            text: Dashboard.firstListens.count === 1 ? qsTr("One artist heard for the first time in this period.")
                                                     : qsTr("%Ln artists heard for the first time in this period; the latest first.", "", Dashboard.firstListens.count)
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            Layout.fillWidth: true
        }
        RankedList {
            objectName: "firstListens"
            showBars: false
            model: Dashboard.firstListens
            limit: 100
            emptyText: qsTr("No new artists in this period.")
            Layout.fillWidth: true
            onOpenRequested: (kind, id) => discovery.openRequested(kind, id)
        }
    }
}
