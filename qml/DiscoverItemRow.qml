import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// One recommendation: the track, its artist, why it is recommended, and what the user can say about it. The
// roles of DiscoverListModel arrive as the required properties; every verb goes to Discover, which records the
// feedback and ranks again. Tab walks the buttons of each row in turn.
Rectangle {
    id: row

    required property string title
    required property string artists
    required property string album
    required property string explanation
    required property string uri
    required property string artistUri
    required property bool liked

    color: Theme.surfaceRaised
    radius: Theme.radius / 2
    implicitHeight: layout.implicitHeight + 2 * Theme.spacing
    Accessible.role: Accessible.ListItem
    // A household pick the cache does not know comes with its name alone.
    Accessible.name: row.artists.length > 0 ? qsTr("%1 by %2. %3").arg(row.title).arg(row.artists).arg(row.explanation)
                                            : qsTr("%1. %2").arg(row.title).arg(row.explanation)

    RowLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true

            Text {
                text: row.title
                color: Theme.textPrimary
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Text {
                text: row.album.length > 0 ? qsTr("%1 · %2").arg(row.artists).arg(row.album) : row.artists
                visible: text.length > 0
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Text {
                objectName: "discoverExplanation"
                text: row.explanation
                color: Theme.accent
                font.pixelSize: Theme.fontSmall
                // Two lines: the reasons run longer in some languages than the row is wide.
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }

        Button {
            objectName: "likeButton"
            text: row.liked ? qsTr("Liked") : qsTr("Like")
            checkable: false
            highlighted: row.liked
            enabled: !Discover.busy
            Accessible.name: row.liked ? qsTr("Unlike %1").arg(row.title) : qsTr("Like %1").arg(row.title)
            onClicked: row.liked ? Discover.unlike(row.uri) : Discover.like(row.uri)
        }
        Button {
            objectName: "notNowButton"
            text: qsTr("Not now")
            enabled: !Discover.busy
            Accessible.name: qsTr("Leave %1 out for a week").arg(row.title)
            onClicked: Discover.notNow(row.uri)
        }
        Button {
            objectName: "hideTrackButton"
            text: qsTr("Hide")
            enabled: !Discover.busy
            Accessible.name: qsTr("Never recommend %1 again").arg(row.title)
            onClicked: Discover.hideTrack(row.uri)
        }
        Button {
            objectName: "hideArtistButton"
            visible: row.artistUri.length > 0
            text: qsTr("Hide artist")
            enabled: !Discover.busy
            Accessible.name: qsTr("Never recommend anything by %1 again").arg(row.artists)
            onClicked: Discover.hideArtist(row.artistUri)
        }
    }
}
