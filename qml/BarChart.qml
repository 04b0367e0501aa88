import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// A bar (or, for long series, area) chart of a StatsListModel drawn on a Canvas, with a value axis, the first,
// middle and last labels under it, and a read-out of the bar under the pointer or picked with the arrow keys,
// which is also what screen readers hear.
FocusScope {
    id: chart

    required property StatsListModel model
    required property string title
    property string emptyText: qsTr("Nothing to show for this period.")
    property color color: Theme.accent
    property int chartHeight: 180
    // Past this many points the series is drawn as an area: bars would be thinner than a pixel.
    readonly property bool asArea: model.count > Math.max(1, plot.width / 3)
    property int selected: -1

    implicitHeight: column.implicitHeight
    activeFocusOnTab: true
    Accessible.role: Accessible.Chart
    Accessible.name: model.count === 0 ? qsTr("%1: %2").arg(title).arg(emptyText)
                                       : selected >= 0 ? qsTr("%1: %2").arg(title).arg(readout.text)
                                                       : qsTr("%1, %2 values; use the arrow keys to read them").arg(title).arg(model.count)

    Keys.onLeftPressed: selected = Math.max(0, selected - 1)
    Keys.onRightPressed: selected = Math.min(model.count - 1, selected + 1)
    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Home) {
            selected = 0
            event.accepted = true
        } else if (event.key === Qt.Key_End) {
            selected = model.count - 1
            event.accepted = true
        }
    }

    Connections {
        target: chart.model
        function onEntriesChanged() {
            chart.selected = -1
            canvas.requestPaint()
        }
    }
    onSelectedChanged: canvas.requestPaint()
    onAsAreaChanged: canvas.requestPaint()

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacing / 2

        Text {
            visible: chart.model.count === 0
            text: chart.emptyText
            color: Theme.textSecondary
            font.pixelSize: Theme.fontBody
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }

        RowLayout {
            visible: chart.model.count > 0
            spacing: Theme.spacing / 2
            Layout.fillWidth: true

            // The value axis: the largest value at the top, half of it in the middle.
            Item {
                Layout.preferredWidth: 56
                Layout.preferredHeight: chart.chartHeight

                Text {
                    anchors.right: parent.right
                    anchors.top: parent.top
                    text: Math.round(chart.model.maxValue).toLocaleString(Qt.locale(), "f", 0)
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall - 1
                }
                Text {
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    text: Math.round(chart.model.maxValue / 2).toLocaleString(Qt.locale(), "f", 0)
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall - 1
                }
                Text {
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    text: "0"
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall - 1
                }
            }

            Item {
                id: plot
                Layout.fillWidth: true
                Layout.preferredHeight: chart.chartHeight

                Canvas {
                    id: canvas
                    anchors.fill: parent
                    onWidthChanged: requestPaint()
                    onHeightChanged: requestPaint()

                    onPaint: {
                        const ctx = getContext("2d")
                        ctx.reset()
                        ctx.strokeStyle = Theme.outline
                        ctx.lineWidth = 1
                        for (const y of [0.5, height / 2, height - 0.5]) {
                            ctx.beginPath()
                            ctx.moveTo(0, y)
                            ctx.lineTo(width, y)
                            ctx.stroke()
                        }
                        const values = chart.model.values
                        const max = chart.model.maxValue
                        if (values.length === 0 || max <= 0)
                            return
                        const step = width / values.length
                        if (chart.asArea) {
                            ctx.fillStyle = Qt.rgba(chart.color.r, chart.color.g, chart.color.b, 0.35)
                            ctx.strokeStyle = chart.color
                            ctx.beginPath()
                            ctx.moveTo(0, height)
                            for (let i = 0; i < values.length; ++i)
                                ctx.lineTo((i + 0.5) * step, height - values[i] / max * height)
                            ctx.lineTo(width, height)
                            ctx.closePath()
                            ctx.fill()
                            ctx.stroke()
                        } else {
                            const gap = step > 6 ? 2 : 0
                            for (let i = 0; i < values.length; ++i) {
                                const h = values[i] / max * height
                                ctx.fillStyle = i === chart.selected ? Theme.textPrimary : chart.color
                                ctx.fillRect(i * step + gap / 2, height - h, Math.max(1, step - gap), h)
                            }
                        }
                        if (chart.selected >= 0 && chart.asArea) {
                            ctx.strokeStyle = Theme.textPrimary
                            ctx.beginPath()
                            ctx.moveTo((chart.selected + 0.5) * step, 0)
                            ctx.lineTo((chart.selected + 0.5) * step, height)
                            ctx.stroke()
                        }
                    }
                }

                MouseArea {
                    id: pointer
                    anchors.fill: parent
                    hoverEnabled: true
                    onPositionChanged: (mouse) => chart.selected = Math.min(chart.model.count - 1,
                                                                             Math.floor(mouse.x / width * chart.model.count))
                    onExited: if (!chart.activeFocus) chart.selected = -1
                }

                ToolTip {
                    parent: plot
                    visible: pointer.containsMouse && chart.selected >= 0
                    x: Math.min(plot.width - width, Math.max(0, (chart.selected + 0.5) * plot.width / Math.max(1, chart.model.count) - width / 2))
                    y: -height - 4
                    text: readout.text
                }
            }
        }

        // Short series: a label under every bar.
        Row {
            visible: chart.model.count > 0 && chart.model.count <= 12
            Layout.fillWidth: true
            Layout.leftMargin: 56 + Theme.spacing / 2
            Repeater {
                model: chart.model
                // Qt 6.4's qmllint does not see this file's ids inside a delegate (a component boundary; 6.5 adds
                // ComponentBehavior: Bound for it), while the QML engine resolves them: the check is off for this delegate only.
                // qmllint disable unqualified
                Text {
                    required property string label
                    width: plot.width / Math.max(1, chart.model.count)
                    horizontalAlignment: Text.AlignHCenter
                    text: label
                    elide: Text.ElideRight
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall - 1
                }
                // qmllint enable unqualified
            }
        }

        // Long series: the first, middle and last labels under the plot.
        Item {
            visible: chart.model.count > 12
            Layout.fillWidth: true
            Layout.leftMargin: 56 + Theme.spacing / 2
            implicitHeight: firstLabel.implicitHeight

            Text {
                id: firstLabel
                anchors.left: parent.left
                text: chart.model.count > 0 ? chart.model.labelAt(0) : ""
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall - 1
            }
            Text {
                visible: chart.model.count > 2
                anchors.horizontalCenter: parent.horizontalCenter
                text: chart.model.labelAt(Math.floor(chart.model.count / 2))
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall - 1
            }
            Text {
                visible: chart.model.count > 1
                anchors.right: parent.right
                text: chart.model.labelAt(chart.model.count - 1)
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall - 1
            }
        }

        Text {
            id: readout
            visible: chart.model.count > 0
            text: chart.selected >= 0 ? qsTr("%1: %2").arg(chart.model.labelAt(chart.selected)).arg(chart.model.valueTextAt(chart.selected))
                                      : (chart.activeFocus ? qsTr("Use the arrow keys to read each value.") : " ")
            color: chart.selected >= 0 ? Theme.textPrimary : Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            Layout.fillWidth: true
        }
    }

    Rectangle {
        anchors.fill: parent
        anchors.margins: -4
        color: "transparent"
        radius: 4
        border.color: chart.activeFocus ? Theme.accent : "transparent"
    }
}
