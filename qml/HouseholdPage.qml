import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// The Household page: the members of the household hub this device is paired with, what the household played
// this week, its shared favourites and the hub's picks for you (Household, read from the hub). Without a hub it
// says how to pair and opens Settings.
ScrollView {
    id: page

    signal settingsRequested()

    contentWidth: availableWidth
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Household")

    onVisibleChanged: if (visible) Household.activate()
    Component.onCompleted: if (visible) Household.activate()

    component ItemList: ColumnLayout {
        id: itemList
        required property var items
        property string emptyText: qsTr("Nothing yet.")
        spacing: Theme.spacing / 2
        Layout.fillWidth: true

        Text {
            visible: itemList.items.length === 0
            text: itemList.emptyText
            color: Theme.textSecondary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Repeater {
            model: itemList.items
            delegate: ColumnLayout {
                id: entry
                required property var modelData
                spacing: 0
                Layout.fillWidth: true
                Accessible.role: Accessible.ListItem
                Accessible.name: modelData.name + ", " + modelData.detail

                Text {
                    text: entry.modelData.name
                    color: Theme.textPrimary
                    font.pixelSize: Theme.fontBody
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Text {
                    text: entry.modelData.detail
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
            }
        }
    }

    ColumnLayout {
        width: page.availableWidth
        spacing: 2 * Theme.spacing

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            PageHeader {
                title: qsTr("Household")
                subtitle: qsTr("What the people on your household hub share.")
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: visible
                visible: Household.state === Household.Loading
                Accessible.name: qsTr("Reading the household hub")
            }
            Button {
                objectName: "householdRefreshButton"
                visible: Household.state === Household.Ready || Household.state === Household.Failed
                text: qsTr("Refresh")
                Accessible.name: qsTr("Read the household hub again")
                onClicked: Household.refresh()
            }
        }

        Card {
            objectName: "householdEmptyState"
            visible: Household.state === Household.NotPaired || Household.state === Household.Failed
            title: Household.state === Household.Failed ? qsTr("The household hub could not be read")
                                                        : qsTr("No household hub yet")
            Layout.fillWidth: true

            Text {
                text: Household.state === Household.Failed ? Household.errorMessage
                      : qsTr("Pair TuneScout with your household's hub under Settings → Household hub to see its members, what the household played this week, shared favourites and picks for you.")
                color: Household.state === Household.Failed ? Theme.danger : Theme.textSecondary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            Button {
                objectName: "householdSettingsButton"
                visible: Household.state === Household.NotPaired
                text: qsTr("Open Settings")
                Accessible.name: qsTr("Open Settings to pair with a household hub")
                onClicked: page.settingsRequested()
            }
        }

        GridLayout {
            visible: Household.state === Household.Ready
            columns: page.availableWidth > 900 ? 2 : 1
            columnSpacing: 2 * Theme.spacing
            rowSpacing: 2 * Theme.spacing
            Layout.fillWidth: true

            Card {
                objectName: "householdMembers"
                title: qsTr("Members")
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                ItemList { items: Household.members }
            }
            Card {
                objectName: "householdWeek"
                title: qsTr("This week")
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop

                Text {
                    text: Household.weekSummary
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                }
                ItemList {
                    items: Household.weekArtists
                    emptyText: qsTr("Nobody in the household played anything this week.")
                }
            }
            Card {
                objectName: "householdFavourites"
                title: qsTr("Shared favourites")
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                ItemList {
                    items: Household.favourites
                    emptyText: qsTr("No artist has been played by two members yet.")
                }
            }
            Card {
                objectName: "householdPicks"
                title: qsTr("Household picks for you")
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop

                Text {
                    visible: Household.picksNote.length > 0
                    text: Household.picksNote
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                }
                Repeater {
                    model: Household.picks
                    delegate: RowLayout {
                        id: pick
                        required property var modelData
                        spacing: Theme.spacing
                        Layout.fillWidth: true

                        Text {
                            text: pick.modelData.name
                            color: Theme.textPrimary
                            font.pixelSize: Theme.fontBody
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                        }
                        Button {
                            text: qsTr("Play")
                            enabled: Player.available && !Player.premiumRequired
                            Accessible.name: qsTr("Play %1 on your Spotify device").arg(pick.modelData.name)
                            onClicked: Player.playUris([pick.modelData.uri])
                        }
                    }
                }
            }
        }
    }
}
