import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// A ranked list from a StatsListModel: rank, name, second line, a bar for the value and the value itself.
// Tab reaches each entry; Enter, Space or a click opens its detail view. A Column, not a layout: the Repeater's
// delegates are replaced whenever the figures change, which Qt 6.4's layouts do not survive reliably.
// Only the first `limit` entries get a delegate (a list can hold thousands: every first listen of a long
// history); "Show more" adds `limit` more at a time.
Column {
    id: list

    required property StatsListModel model
    property int limit: 50
    property bool showChange: false
    // Off where the value is not an amount (a date, a rank).
    property bool showBars: true
    // Off where the whole list is a tab away (the overview's top five).
    property bool expandable: true
    property string emptyText: qsTr("Nothing played in this period.")

    signal openRequested(int itemKind, int itemId)

    spacing: 2

    Text {
        visible: list.model.count === 0
        text: list.emptyText
        color: Theme.textSecondary
        font.pixelSize: Theme.fontBody
        wrapMode: Text.WordWrap
        width: list.width
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }

    StatsListSlice {
        id: shown
        source: list.model
        limit: list.limit
    }
    // A new list (another period or measure) starts short again.
    Connections {
        target: list.model
        function onEntriesChanged() {
            shown.limit = list.limit
        }
    }

    Repeater {
        model: shown

        // Qt 6.4's qmllint does not see this file's ids inside a delegate (a component boundary; 6.5 adds
        // ComponentBehavior: Bound for it), while the QML engine resolves them: the check is off for this delegate only.
        // qmllint disable unqualified
        delegate: ItemDelegate {
            id: entry

            required property int index
            required property string label
            required property string detail
            required property string valueText
            required property real share
            required property int rank
            required property int itemKind
            required property int itemId
            required property string change

            width: list.width
            focusPolicy: Qt.StrongFocus
            enabled: itemKind >= 0
            Accessible.role: Accessible.ListItem
            Accessible.name: list.showChange && change.length > 0
                             ? qsTr("%1. %2, %3, %4 (%5)").arg(rank).arg(label).arg(detail).arg(valueText).arg(change)
                             : qsTr("%1. %2, %3, %4").arg(rank).arg(label).arg(detail).arg(valueText)
            onClicked: list.openRequested(itemKind, itemId)
            Keys.onReturnPressed: list.openRequested(itemKind, itemId)
            Keys.onEnterPressed: list.openRequested(itemKind, itemId)

            background: Rectangle {
                radius: Theme.radius - 4
                color: entry.hovered || entry.activeFocus ? Theme.surfaceRaised : "transparent"
                border.color: entry.activeFocus ? Theme.accent : "transparent"
            }
            contentItem: RowLayout {
                spacing: Theme.spacing

                Text {
                    text: entry.rank
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontBody
                    horizontalAlignment: Text.AlignRight
                    Layout.preferredWidth: 26
                }
                ColumnLayout {
                    spacing: 1
                    Layout.fillWidth: true

                    Text {
                        text: entry.label
                        color: Theme.textPrimary
                        font.pixelSize: Theme.fontBody
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Text {
                        visible: entry.detail.length > 0
                        text: entry.detail
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontSmall
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Rectangle {
                        visible: list.showBars
                        color: Theme.accentMuted
                        radius: 2
                        implicitHeight: 4
                        Layout.fillWidth: true

                        Rectangle {
                            width: parent.width * Math.max(0.01, entry.share)
                            height: parent.height
                            radius: 2
                            color: Theme.accent
                        }
                    }
                }
                Text {
                    visible: list.showChange
                    text: entry.change
                    color: entry.change.indexOf("▼") === 0 ? Theme.danger : Theme.accent
                    font.pixelSize: Theme.fontSmall
                    horizontalAlignment: Text.AlignRight
                    Layout.preferredWidth: 44
                }
                Text {
                    text: entry.valueText
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall
                    horizontalAlignment: Text.AlignRight
                    Layout.preferredWidth: 90
                }
            }
        }
        // qmllint enable unqualified
    }

    Button {
        objectName: "showMore"
        visible: list.expandable && shown.count < shown.total
        flat: true
        text: qsTr("Show more (%1 of %2 shown)").arg(shown.count.toLocaleString(Qt.locale(), "f", 0))
                                                 .arg(shown.total.toLocaleString(Qt.locale(), "f", 0))
        Accessible.name: qsTr("Show %Ln more entries", "", Math.min(list.limit, shown.total - shown.count))
        onClicked: shown.limit += list.limit
    }
}
