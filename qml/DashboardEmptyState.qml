import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// What the Dashboards page shows instead of figures: reading the history, nothing to show yet and what to do
// about it, or why the history could not be read.
Item {
    id: state

    signal homeRequested()

    implicitHeight: card.implicitHeight

    Card {
        id: card
        objectName: "dashboardEmptyState"
        anchors.left: parent.left
        anchors.right: parent.right
        title: Dashboard.state === Dashboard.Failed ? qsTr("The history could not be read")
             : Dashboard.state === Dashboard.Empty ? qsTr("No listening history yet")
             : qsTr("Reading your listening history…")

        BusyIndicator {
            visible: Dashboard.state === Dashboard.Loading || Dashboard.state === Dashboard.Idle
            running: visible
            Accessible.name: qsTr("Reading your listening history")
        }
        Text {
            objectName: "dashboardEmptyText"
            text: Dashboard.state === Dashboard.Failed ? Dashboard.errorMessage
                : Dashboard.state === Dashboard.Empty
                  ? qsTr("Dashboards are made from the plays kept on this computer, and there are none yet. Sign in with Spotify on the Home page: TuneScout then syncs what you play from now on (Spotify only shares the last 50 plays). For your whole history, request your Extended streaming history in Spotify's privacy settings and import it.")
                  : qsTr("This takes a moment for a long history; the rest of TuneScout keeps working meanwhile.")
            color: Dashboard.state === Dashboard.Failed ? Theme.danger : Theme.textSecondary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Button {
            visible: Dashboard.state === Dashboard.Empty
            text: qsTr("Go to Home to sign in")
            Accessible.name: qsTr("Open the Home page to sign in with Spotify")
            onClicked: state.homeRequested()
        }
        Button {
            visible: Dashboard.state === Dashboard.Failed
            text: qsTr("Try again")
            Accessible.name: qsTr("Read the listening history again")
            onClicked: Dashboard.activate()
        }
    }
}
