import QtQuick
import QtQuick.Layouts

// The listening clock: weekdays down, hours across, each cell as bright as the listening in that hour. The
// arrow keys (or the pointer) pick a cell and the read-out under the grid says what it holds.
FocusScope {
    id: clock

    // 168 values, Monday 0:00 first (Dashboard.clockValues), and the largest of them.
    required property var values
    required property real maxValue
    property string unit: qsTr("plays")
    property int cellSize: 22
    property bool compact: false
    property int selected: -1

    implicitWidth: grid.x + grid.width
    implicitHeight: column.implicitHeight
    activeFocusOnTab: !compact
    Accessible.role: Accessible.Table
    Accessible.name: selected >= 0 ? qsTr("Listening clock: %1").arg(readout.text)
                                   : qsTr("Listening clock by weekday and hour; use the arrow keys to read each hour")

    function dayName(row) {
        return Qt.locale().dayName((row + 1) % 7, clock.compact ? Locale.NarrowFormat : Locale.ShortFormat)
    }

    Keys.onLeftPressed: selected = selected < 0 ? 0 : Math.max(0, selected - 1)
    Keys.onRightPressed: selected = selected < 0 ? 0 : Math.min(167, selected + 1)
    Keys.onUpPressed: selected = selected < 0 ? 0 : Math.max(selected % 24, selected - 24)
    Keys.onDownPressed: selected = selected < 0 ? 0 : Math.min(144 + selected % 24, selected + 24)

    ColumnLayout {
        id: column
        spacing: Theme.spacing / 2

        RowLayout {
            spacing: 4

            Column {
                spacing: 2
                Layout.alignment: Qt.AlignTop
                Repeater {
                    model: 7
                    // Qt 6.4's qmllint does not see this file's ids inside a delegate (a component boundary; 6.5 adds
                    // ComponentBehavior: Bound for it), while the QML engine resolves them: the check is off for this delegate only.
                    // qmllint disable unqualified
                    Text {
                        required property int index
                        height: clock.cellSize
                        verticalAlignment: Text.AlignVCenter
                        text: clock.dayName(index)
                        color: Theme.textSecondary
                        font.pixelSize: clock.compact ? 9 : Theme.fontSmall
                    }
                    // qmllint enable unqualified
                }
            }

            ColumnLayout {
                spacing: 2

                Grid {
                    id: grid
                    columns: 24
                    spacing: 2

                    Repeater {
                        model: 168
                        // Qt 6.4's qmllint does not see this file's ids inside a delegate (a component boundary; 6.5 adds
                        // ComponentBehavior: Bound for it), while the QML engine resolves them: the check is off for this delegate only.
                        // qmllint disable unqualified
                        Rectangle {
                            required property int index
                            readonly property real share: (clock.values[index] ?? 0) / Math.max(1, clock.maxValue)
                            width: clock.cellSize
                            height: clock.cellSize
                            radius: clock.compact ? 2 : 3
                            color: Qt.tint(Theme.surfaceRaised, Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, Math.sqrt(share)))
                            border.color: index === clock.selected ? Theme.textPrimary : "transparent"
                            border.width: 2

                            MouseArea {
                                anchors.fill: parent
                                hoverEnabled: !clock.compact
                                onContainsMouseChanged: if (containsMouse) clock.selected = parent.index
                            }
                        }
                        // qmllint enable unqualified
                    }
                }

                // Hours across the top of every third column.
                Row {
                    visible: !clock.compact
                    spacing: 2
                    Repeater {
                        model: 8
                        // Qt 6.4's qmllint does not see this file's ids inside a delegate (a component boundary; 6.5 adds
                        // ComponentBehavior: Bound for it), while the QML engine resolves them: the check is off for this delegate only.
                        // qmllint disable unqualified
                        Text {
                            required property int index
                            width: 3 * clock.cellSize + 4
                            text: qsTr("%1:00").arg(index * 3)
                            color: Theme.textSecondary
                            font.pixelSize: Theme.fontSmall - 1
                        }
                        // qmllint enable unqualified
                    }
                }
            }
        }

        Text {
            id: readout
            visible: !clock.compact
            text: clock.selected >= 0
                  ? qsTr("%1 %2:00–%3:00: %4 %5").arg(Qt.locale().dayName((Math.floor(clock.selected / 24) + 1) % 7))
                        .arg(clock.selected % 24).arg(clock.selected % 24 + 1)
                        .arg(Math.round(clock.values[clock.selected] ?? 0).toLocaleString(Qt.locale(), "f", 0)).arg(clock.unit)
                  : qsTr("Point at an hour, or use the arrow keys, to read it.")
            color: clock.selected >= 0 ? Theme.textPrimary : Theme.textSecondary
            font.pixelSize: Theme.fontSmall
        }
    }

    Rectangle {
        anchors.fill: parent
        anchors.margins: -4
        color: "transparent"
        radius: 4
        border.color: clock.activeFocus ? Theme.accent : "transparent"
    }
}
