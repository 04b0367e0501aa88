import QtQuick
import QtQuick.Layouts
import TuneScout.Backend

// The picture "Share image…" saves: the period's top artists and tracks, minutes and a small clock, laid out
// at a fixed size so every image looks the same wherever the window is.
Rectangle {
    id: card

    width: 1200
    height: 630
    color: Theme.background
    Accessible.ignored: true

    Rectangle {
        anchors.fill: parent
        anchors.margins: 24
        radius: 2 * Theme.radius
        color: Theme.surface
        border.color: Theme.outline

        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 36
            spacing: 20

            RowLayout {
                Layout.fillWidth: true
                ColumnLayout {
                    spacing: 4
                    Text {
                        text: qsTr("My listening")
                        color: Theme.textPrimary
                        font.pixelSize: 40
                        font.weight: Font.Bold
                    }
                    Text {
                        text: Dashboard.rangeLabel
                        color: Theme.textSecondary
                        font.pixelSize: 20
                    }
                }
                Item { Layout.fillWidth: true }
                ColumnLayout {
                    spacing: 0
                    Text {
                        Layout.alignment: Qt.AlignRight
                        text: Dashboard.minutesText
                        color: Theme.accent
                        font.pixelSize: 48
                        font.weight: Font.Bold
                    }
                    Text {
                        Layout.alignment: Qt.AlignRight
                        text: qsTr("minutes · %1 plays").arg(Dashboard.playsText)
                        color: Theme.textSecondary
                        font.pixelSize: 18
                    }
                }
            }

            RowLayout {
                spacing: 36
                Layout.fillWidth: true
                Layout.fillHeight: true

                Repeater {
                    model: [{ "title": qsTr("Top artists"), "list": Dashboard.topArtists },
                            { "title": qsTr("Top tracks"), "list": Dashboard.topTracks }]
                    ColumnLayout {
                        id: column
                        required property var modelData
                        spacing: 8
                        Layout.preferredWidth: 360
                        Layout.alignment: Qt.AlignTop

                        Text {
                            text: column.modelData.title
                            color: Theme.accent
                            font.pixelSize: 20
                            font.weight: Font.DemiBold
                        }
                        Column {
                            spacing: 8
                            Layout.fillWidth: true
                        Repeater {
                            model: StatsListSlice {
                                source: column.modelData.list
                                limit: 5
                            }
                            RowLayout {
                                id: row
                                required property int index
                                required property string label
                                required property string detail
                                spacing: 10
                                width: 360
                                Text {
                                    text: row.index + 1
                                    color: Theme.textSecondary
                                    font.pixelSize: 22
                                    Layout.preferredWidth: 22
                                }
                                ColumnLayout {
                                    spacing: 0
                                    Layout.fillWidth: true
                                    Text {
                                        text: row.label
                                        color: Theme.textPrimary
                                        font.pixelSize: 20
                                        elide: Text.ElideRight
                                        Layout.fillWidth: true
                                    }
                                    Text {
                                        visible: row.detail.length > 0
                                        text: row.detail
                                        color: Theme.textSecondary
                                        font.pixelSize: 14
                                        elide: Text.ElideRight
                                        Layout.fillWidth: true
                                    }
                                }
                            }
                        }
                        }
                    }
                }

                ColumnLayout {
                    spacing: 8
                    Layout.alignment: Qt.AlignTop
                    Text {
                        text: qsTr("When I listen")
                        color: Theme.accent
                        font.pixelSize: 20
                        font.weight: Font.DemiBold
                    }
                    ClockHeatmap {
                        values: Dashboard.clockValues
                        maxValue: Dashboard.clockMax
                        cellSize: 11
                        compact: true
                    }
                }
            }

            Text {
                text: qsTr("TuneScout · computed on my own computer")
                color: Theme.textSecondary
                font.pixelSize: 14
            }
        }
    }
}
