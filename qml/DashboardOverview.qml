import QtQuick
import QtQuick.Layouts
import TuneScout.Backend

// The period at a glance: totals, streaks, habits, the top five of each list and a small listening clock.
DashboardSection {
    id: overview

    signal openRequested(int itemKind, int itemId)

    name: qsTr("Overview")

    Text {
        visible: Dashboard.periodEmpty && !Dashboard.busy
        text: qsTr("Nothing was played in this period. Pick a longer one above.")
        color: Theme.warning
        font.pixelSize: Theme.fontBody
        Layout.fillWidth: true
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }

    GridLayout {
        columns: Math.max(2, Math.floor(overview.availableWidth / 170))
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacing
        Layout.fillWidth: true

        StatTile { objectName: "overviewPlays"; label: qsTr("Plays"); value: Dashboard.playsText; Layout.fillWidth: true; Layout.fillHeight: true }
        StatTile { objectName: "overviewMinutes"; label: qsTr("Minutes"); value: Dashboard.minutesText; note: qsTr("%1 hours").arg(Dashboard.hoursText); Layout.fillWidth: true; Layout.fillHeight: true }
        StatTile { objectName: "overviewArtists"; label: qsTr("Artists"); value: Dashboard.artistsText; Layout.fillWidth: true; Layout.fillHeight: true }
        StatTile { objectName: "overviewTracks"; label: qsTr("Tracks"); value: Dashboard.tracksText; Layout.fillWidth: true; Layout.fillHeight: true }
        StatTile { objectName: "overviewDays"; label: qsTr("Days with music"); value: Dashboard.daysText; Layout.fillWidth: true; Layout.fillHeight: true }
        StatTile { objectName: "overviewLongestStreak"; label: qsTr("Longest streak"); value: Dashboard.longestStreakText; note: Dashboard.longestStreakDates; Layout.fillWidth: true; Layout.fillHeight: true }
        StatTile { objectName: "overviewCurrentStreak"; label: qsTr("Current streak"); value: Dashboard.currentStreakText; Layout.fillWidth: true; Layout.fillHeight: true }
        StatTile { objectName: "overviewSkipRate"; label: qsTr("Skipped"); value: Dashboard.skipRateText; Layout.fillWidth: true; Layout.fillHeight: true }
        StatTile { objectName: "overviewShuffle"; label: qsTr("On shuffle"); value: Dashboard.shuffleText; Layout.fillWidth: true; Layout.fillHeight: true }
        StatTile { objectName: "overviewOffline"; label: qsTr("Offline"); value: Dashboard.offlineText; Layout.fillWidth: true; Layout.fillHeight: true }
    }

    GridLayout {
        columns: overview.availableWidth > 900 ? 3 : 1
        columnSpacing: 2 * Theme.spacing
        rowSpacing: 2 * Theme.spacing
        Layout.fillWidth: true

        Card {
            title: qsTr("Top artists")
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            RankedList {
                objectName: "overviewTopArtists"
                model: Dashboard.topArtists
                limit: 5
                expandable: false
                Layout.fillWidth: true
                onOpenRequested: (kind, id) => overview.openRequested(kind, id)
            }
        }
        Card {
            title: qsTr("Top tracks")
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            RankedList {
                objectName: "overviewTopTracks"
                model: Dashboard.topTracks
                limit: 5
                expandable: false
                Layout.fillWidth: true
                onOpenRequested: (kind, id) => overview.openRequested(kind, id)
            }
        }
        Card {
            title: qsTr("Top albums")
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            RankedList {
                objectName: "overviewTopAlbums"
                model: Dashboard.topAlbums
                limit: 5
                expandable: false
                Layout.fillWidth: true
                onOpenRequested: (kind, id) => overview.openRequested(kind, id)
            }
        }
    }

    RowLayout {
        spacing: 2 * Theme.spacing
        Layout.fillWidth: true

        Card {
            title: qsTr("When you listen")
            Layout.alignment: Qt.AlignTop
            ClockHeatmap {
                values: Dashboard.clockValues
                maxValue: Dashboard.clockMax
                cellSize: 12
                compact: true
                unit: Dashboard.measure === Dashboard.Plays ? qsTr("plays") : qsTr("minutes")
            }
            Text {
                text: Dashboard.clockPeakText
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.maximumWidth: 24 * 14
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
        }
        Card {
            title: qsTr("Devices")
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            RankedList {
                model: Dashboard.platforms
                limit: 6
                emptyText: qsTr("Spotify only says which device played a track in your privacy export; import it to see this.")
                Layout.fillWidth: true
            }
        }
    }
}
