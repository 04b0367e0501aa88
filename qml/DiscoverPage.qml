import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// Discover: the recommendations computed on this computer (Discover, engine/discover) in three lists, and the
// household picks folded in from the household hub's model, each item
// with why it is there and buttons to like it, leave it out for a week, or hide the track or its artist. The first
// ranking trains the model off the GUI thread; the page says so meanwhile.
FocusScope {
    id: page

    // The user asked to import or sign in: the Import and Home pages do that.
    signal importRequested()
    signal homeRequested()

    readonly property bool showLists: Discover.state === Discover.Ready

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Discover")

    onVisibleChanged: if (visible) Discover.activate()
    Component.onCompleted: if (visible) Discover.activate()

    ColumnLayout {
        anchors.fill: parent
        spacing: 1.5 * Theme.spacing

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            PageHeader {
                title: qsTr("Discover")
                subtitle: qsTr("Recommendations computed on this computer from your own listening.")
                Layout.fillWidth: true
            }
            BusyIndicator {
                objectName: "discoverBusy"
                visible: page.showLists && Discover.busy
                running: visible
                Accessible.name: qsTr("Updating the recommendations")
            }
        }

        Text {
            objectName: "discoverNotice"
            visible: Discover.notice.length > 0
            text: Discover.notice
            color: Discover.noticeIsError ? Theme.danger : Theme.textSecondary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }

        // Learning, nothing to learn from, or a failure: a card saying so and what to do.
        Card {
            objectName: "discoverEmptyState"
            visible: !page.showLists
            title: Discover.state === Discover.Failed ? qsTr("Recommendations could not be computed")
                 : Discover.state === Discover.Empty ? qsTr("Import your history or sync first")
                 : qsTr("Learning from your history…")
            Layout.fillWidth: true

            BusyIndicator {
                visible: Discover.state === Discover.Learning || Discover.state === Discover.Idle
                running: visible
                Accessible.name: qsTr("Learning from your history")
            }
            Text {
                objectName: "discoverEmptyText"
                text: Discover.state === Discover.Failed ? Discover.errorMessage
                    : Discover.state === Discover.Empty
                      ? qsTr("Recommendations are learnt from the plays, playlists and saved tracks kept on this computer, and there are none yet. Import your Extended streaming history from Spotify's privacy export, or sign in with Spotify on the Home page and sync.")
                      : qsTr("The first time takes a few seconds on a long history; the rest of TuneScout keeps working meanwhile.")
                color: Discover.state === Discover.Failed ? Theme.danger : Theme.textSecondary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            RowLayout {
                visible: Discover.state === Discover.Empty
                spacing: Theme.spacing

                Button {
                    text: qsTr("Import your history")
                    Accessible.name: qsTr("Open the Import page to import Spotify's privacy export")
                    onClicked: page.importRequested()
                }
                Button {
                    text: qsTr("Go to Home to sign in")
                    Accessible.name: qsTr("Open the Home page to sign in with Spotify and sync")
                    onClicked: page.homeRequested()
                }
            }
            Button {
                visible: Discover.state === Discover.Failed
                text: qsTr("Try again")
                Accessible.name: qsTr("Compute the recommendations again")
                onClicked: Discover.activate()
            }
        }

        // Keeps the empty state at the top while there are no lists.
        Item {
            visible: !page.showLists
            Layout.fillHeight: true
        }

        ScrollView {
            id: scroller
            objectName: "discoverLists"
            visible: page.showLists
            clip: true
            contentWidth: availableWidth
            Layout.fillWidth: true
            Layout.fillHeight: true

            ColumnLayout {
                width: scroller.availableWidth
                spacing: 2 * Theme.spacing

                DiscoverSection {
                    objectName: "forYouNow"
                    title: qsTr("For you now")
                    model: Discover.forYouNow
                    list: Discover.ForYouNow
                    emptyText: qsTr("Nothing new fits your recent listening yet.")
                    Layout.fillWidth: true
                }
                DiscoverSection {
                    objectName: "rediscover"
                    title: qsTr("Rediscover")
                    model: Discover.rediscover
                    list: Discover.Rediscover
                    emptyText: qsTr("No forgotten favourites: you still play everything you loved.")
                    Layout.fillWidth: true
                }
                DiscoverSection {
                    objectName: "deeperCuts"
                    title: qsTr("Deeper cuts of your top artists")
                    model: Discover.deeperCuts
                    list: Discover.DeeperCuts
                    emptyText: qsTr("No deeper cuts of your top artists are known yet.")
                    Layout.fillWidth: true
                }
                // The household hub's model with this computer's plays folded in; while not paired, or before the
                // hub has trained, a line saying so instead of the list.
                DiscoverSection {
                    objectName: "householdPicks"
                    title: qsTr("Household picks")
                    model: Discover.householdPicks
                    list: Discover.HouseholdPicks
                    emptyText: Discover.householdText.length > 0 ? Discover.householdText
                                                                 : qsTr("Nothing new from your household right now.")
                    Layout.fillWidth: true
                }
            }
        }
    }
}
