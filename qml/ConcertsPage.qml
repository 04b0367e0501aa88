import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import TuneScout.Backend

// Concerts: upcoming shows of the user's artists near the place chosen in Settings (Concerts, engine/concerts),
// grouped by month, with why each is there, filters by artist and distance, and what to configure when nothing can
// be asked yet.
FocusScope {
    id: page

    // The user asked to set the place: the Settings page does that.
    signal settingsRequested()

    readonly property bool showList: Concerts.state === Concerts.Ready

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Concerts")

    onVisibleChanged: if (visible) Concerts.activate()
    Component.onCompleted: if (visible) Concerts.activate()

    FileDialog {
        id: calendarDialog

        property int showIndex: -1

        title: qsTr("Save the show as a calendar file")
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("Calendar files (*.ics)")]
        onAccepted: Concerts.saveToCalendar(showIndex, selectedFile)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 1.5 * Theme.spacing

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            PageHeader {
                title: qsTr("Concerts")
                subtitle: Concerts.fromHub
                          ? (Concerts.place.length > 0
                             ? qsTr("Upcoming shows of your household's artists within %1 km of %2, from the household hub.").arg(Concerts.radiusKm).arg(Concerts.place)
                             : qsTr("Upcoming shows of your household's artists, from the household hub."))
                          : Concerts.place.length > 0
                          ? qsTr("Upcoming shows of your artists within %1 km of %2.").arg(Concerts.radiusKm).arg(Concerts.place)
                          : qsTr("Upcoming shows of your artists near you.")
                Layout.fillWidth: true
            }
            BusyIndicator {
                objectName: "concertsBusy"
                visible: Concerts.state === Concerts.Loading
                running: visible
                Accessible.name: qsTr("Looking for concerts")
            }
            Button {
                objectName: "concertsRefresh"
                visible: Concerts.state === Concerts.Ready || Concerts.state === Concerts.Failed
                text: qsTr("Refresh")
                Accessible.name: qsTr("Look for concerts again")
                onClicked: Concerts.refresh()
            }
        }

        Text {
            objectName: "concertsProviderNotice"
            visible: page.showList && text.length > 0
            text: Concerts.providerNotice
            color: Theme.warning
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        Text {
            objectName: "concertsNotice"
            visible: text.length > 0
            text: Concerts.notice
            color: Concerts.noticeIsError ? Theme.danger : Theme.textSecondary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }

        // Nothing to ask yet, asking, or a failure: what to do.
        Card {
            objectName: "concertsEmptyState"
            visible: !page.showList || Concerts.totalCount === 0
            title: Concerts.state === Concerts.NeedsPlace ? qsTr("Choose where to look")
                 : Concerts.state === Concerts.NeedsProvider ? qsTr("Add a concert provider key")
                 : Concerts.state === Concerts.NoArtists ? qsTr("Import your history or sync first")
                 : Concerts.state === Concerts.Failed ? qsTr("Concerts could not be looked up")
                 : Concerts.state === Concerts.Ready ? qsTr("No upcoming shows nearby")
                 : qsTr("Looking for concerts…")
            Layout.fillWidth: true

            Text {
                objectName: "concertsEmptyText"
                text: Concerts.state === Concerts.NeedsPlace
                      ? qsTr("TuneScout does not know where you are. Set a city or coordinates and a radius under Concerts on the Settings page.")
                      : Concerts.state === Concerts.NeedsProvider
                      ? qsTr("Shows are listed by Ticketmaster (and SeatGeek in North America). Get a free Ticketmaster API key and set TUNESCOUT_TICKETMASTER_KEY or concerts/ticketmaster_key in %1, then start TuneScout again; the \"Concerts\" section of README.md says how.").arg(AppInfo.settingsPath)
                      : Concerts.state === Concerts.NoArtists
                      ? qsTr("Concerts are looked up for the artists you follow, your top artists and the ones you play most, and none are known yet. Sign in with Spotify on the Home page and sync, or import your history.")
                      : Concerts.state === Concerts.Failed ? Concerts.errorMessage
                      : Concerts.state === Concerts.Ready
                      ? qsTr("None of your artists plays within %1 km of %2. A larger radius in Settings finds more.").arg(Concerts.radiusKm).arg(Concerts.place)
                      : qsTr("Asking the providers about each of your artists; answers are kept for a day.")
                color: Concerts.state === Concerts.Failed ? Theme.danger : Theme.textSecondary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            Button {
                visible: Concerts.state === Concerts.NeedsPlace || (Concerts.state === Concerts.Ready && Concerts.totalCount === 0)
                text: qsTr("Open Settings")
                Accessible.name: qsTr("Open the Settings page to set where to look for concerts")
                onClicked: page.settingsRequested()
            }
            Button {
                visible: Concerts.state === Concerts.Failed
                text: qsTr("Try again")
                Accessible.name: qsTr("Look for concerts again")
                onClicked: Concerts.refresh()
            }
        }

        RowLayout {
            visible: page.showList && Concerts.totalCount > 0
            spacing: Theme.spacing
            Layout.fillWidth: true

            TextField {
                objectName: "concertsArtistFilter"
                text: Concerts.artistFilter
                placeholderText: qsTr("Filter by artist")
                selectByMouse: true
                Layout.fillWidth: true
                Accessible.name: qsTr("Show only artists whose name contains")
                onTextChanged: Concerts.artistFilter = text
            }
            Text {
                text: distanceSlider.value > 0 ? qsTr("Within %1 km").arg(Math.round(distanceSlider.value))
                                               : qsTr("Any distance")
                color: Theme.textSecondary
                font.pixelSize: Theme.fontBody
                Layout.preferredWidth: 110
            }
            Slider {
                id: distanceSlider
                objectName: "concertsDistanceSlider"
                from: 0
                to: Concerts.radiusKm
                stepSize: 5
                value: Concerts.maxDistanceKm
                Layout.preferredWidth: 180
                Accessible.name: qsTr("Show only concerts within this distance, in kilometres; 0 for any")
                onMoved: Concerts.maxDistanceKm = value
            }
        }

        Item {
            visible: !page.showList || Concerts.totalCount === 0
            Layout.fillHeight: true
        }

        ListView {
            id: list
            objectName: "concertsList"
            visible: page.showList && Concerts.totalCount > 0
            clip: true
            spacing: Theme.spacing
            model: Concerts.shows
            Layout.fillWidth: true
            Layout.fillHeight: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Upcoming shows")

            section.property: "month"
            section.delegate: Text {
                required property string section
                text: section
                color: Theme.textPrimary
                font.pixelSize: Theme.fontTitle
                font.bold: true
                topPadding: Theme.spacing
                bottomPadding: Theme.spacing / 2
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            // Qt 6.4's qmllint does not see this file's ids inside a delegate (a component boundary; 6.5 adds
            // ComponentBehavior: Bound for it), while the QML engine resolves them: the check is off for this
            // delegate only, as in RankedList.qml.
            // qmllint disable unqualified
            delegate: ConcertRow {
                id: concertRow
                width: list.width
                onCalendarRequested: {
                    calendarDialog.showIndex = concertRow.showIndex
                    calendarDialog.selectedFile = Concerts.suggestedCalendarFile(concertRow.showIndex)
                    calendarDialog.open()
                }
            }

            Text {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No show matches the filter.")
                color: Theme.textSecondary
                font.pixelSize: Theme.fontBody
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
        }
    }
}
