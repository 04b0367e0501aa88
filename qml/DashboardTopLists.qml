import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// The top 50 artists, tracks and albums of the period by plays or minutes, and Spotify's own top lists with how
// their ranks moved since the snapshot before.
DashboardSection {
    id: top

    signal openRequested(int itemKind, int itemId)

    name: qsTr("Top lists")

    RowLayout {
        spacing: Theme.spacing
        Layout.fillWidth: true

        TabBar {
            id: kinds
            objectName: "topListKinds"
            Accessible.role: Accessible.PageTabList
            Accessible.name: qsTr("Which top list")
            background: Item {}
            Repeater {
                model: [qsTr("Artists"), qsTr("Tracks"), qsTr("Albums"), qsTr("Spotify's lists")]
                SectionTab {
                    required property string modelData
                    text: modelData
                }
            }
        }
    }

    Card {
        visible: kinds.currentIndex < 3
        title: [qsTr("Top artists"), qsTr("Top tracks"), qsTr("Top albums")][Math.min(kinds.currentIndex, 2)]
        Layout.fillWidth: true

        RankedList {
            objectName: "topList"
            model: [Dashboard.topArtists, Dashboard.topTracks, Dashboard.topAlbums][Math.min(kinds.currentIndex, 2)]
            Layout.fillWidth: true
            onOpenRequested: (kind, id) => top.openRequested(kind, id)
        }
    }

    Card {
        visible: kinds.currentIndex === 3
        title: qsTr("What Spotify thinks")
        Layout.fillWidth: true

        RowLayout {
            spacing: Theme.spacing
            ComboBox {
                objectName: "spotifyTopKind"
                model: [qsTr("Artists"), qsTr("Tracks")]
                currentIndex: Dashboard.spotifyTopKind === Dashboard.Artists ? 0 : 1
                Accessible.name: qsTr("Spotify list of")
                onActivated: (index) => Dashboard.spotifyTopKind = index === 0 ? Dashboard.Artists : Dashboard.Tracks
            }
            ComboBox {
                objectName: "spotifyTopRange"
                model: [qsTr("About 4 weeks"), qsTr("About 6 months"), qsTr("About a year")]
                currentIndex: Dashboard.spotifyTopRange === Dashboard.FourWeeks ? 0 : Dashboard.spotifyTopRange === Dashboard.SixMonths ? 1 : 2
                implicitWidth: 170
                Accessible.name: qsTr("Spotify's period")
                onActivated: (index) => Dashboard.spotifyTopRange = [Dashboard.FourWeeks, Dashboard.SixMonths, Dashboard.Lifetime][index]
            }
        }
        Text {
            text: Dashboard.spotifyTopNote
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        // How the leaders got there: only once there are two snapshots to draw a line between.
        RankChart {
            objectName: "spotifyRankChart"
            visible: Dashboard.spotifyHistory.dateCount > 1 && Dashboard.spotifyHistory.count > 0
            model: Dashboard.spotifyHistory
            title: qsTr("Rank over time of the top %1").arg(Dashboard.spotifyHistory.count)
            Layout.fillWidth: true
        }
        RankedList {
            objectName: "spotifyTopList"
            showBars: false
            model: Dashboard.spotifyTop
            showChange: true
            emptyText: qsTr("No list for this period yet.")
            Layout.fillWidth: true
            onOpenRequested: (kind, id) => top.openRequested(kind, id)
        }
    }
}
