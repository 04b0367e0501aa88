import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// Ranks over time of a RankHistoryModel drawn on a Canvas: one line per item, rank 1 at the top, the snapshot
// dates along the bottom placed by their day. A line is picked with the up and down arrow keys (or in the legend)
// and a date with left and right; the picked point is read out, and the whole history is the chart's accessible
// description for screen readers.
FocusScope {
    id: chart

    required property RankHistoryModel model
    required property string title
    property int chartHeight: 200
    property int selectedLine: -1
    property int selectedDate: -1
    // Told apart on the dark surface; the legend names each.
    readonly property var palette: ["#4fd1a5", "#f2b84b", "#6ea8fe", "#ff6b6b", "#c792ea",
                                    "#7fdbca", "#ffcb8b", "#a3be8c", "#f78c6c", "#89ddff"]

    function lineColor(row) {
        return palette[row % palette.length]
    }

    implicitHeight: column.implicitHeight
    activeFocusOnTab: true
    Accessible.role: Accessible.Chart
    Accessible.name: model.count === 0 ? qsTr("%1: no history yet").arg(title)
                                       : readout.text.trim().length > 0 ? qsTr("%1: %2").arg(title).arg(readout.text)
                                                                       : qsTr("%1, %2 lines; use the arrow keys to read them").arg(title).arg(model.count)
    Accessible.description: model.description

    function pick(line, date) {
        selectedLine = Math.max(0, Math.min(model.count - 1, line))
        selectedDate = Math.max(0, Math.min(model.dateCount - 1, date))
    }

    Keys.onUpPressed: pick(selectedLine - 1, selectedDate < 0 ? model.dateCount - 1 : selectedDate)
    Keys.onDownPressed: pick(selectedLine + 1, selectedDate < 0 ? model.dateCount - 1 : selectedDate)
    Keys.onLeftPressed: pick(Math.max(0, selectedLine), selectedDate < 0 ? model.dateCount - 1 : selectedDate - 1)
    Keys.onRightPressed: pick(Math.max(0, selectedLine), selectedDate + 1)

    Connections {
        target: chart.model
        function onContentChanged() {
            chart.selectedLine = -1
            chart.selectedDate = -1
            canvas.requestPaint()
        }
    }
    onSelectedLineChanged: canvas.requestPaint()
    onSelectedDateChanged: canvas.requestPaint()

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacing / 2

        RowLayout {
            visible: chart.model.count > 0
            spacing: Theme.spacing
            Layout.fillWidth: true

            // The rank axis: the top of the list at the top.
            Item {
                Layout.preferredWidth: 36
                Layout.preferredHeight: chart.chartHeight

                Text {
                    anchors.right: parent.right
                    anchors.top: parent.top
                    text: "#1"
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall - 1
                }
                Text {
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    text: "#" + Math.max(1, chart.model.maxRank)
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

                    // Points sit 6 px inside the edges so that a dot at rank 1 or on the last day is whole.
                    function xOf(date) {
                        return 6 + chart.model.positionAt(date) * (width - 12)
                    }
                    function yOf(rank) {
                        const worst = Math.max(2, chart.model.maxRank)
                        return 6 + (rank - 1) / (worst - 1) * (height - 12)
                    }
                    function drawLine(ctx, row, highlighted) {
                        const ranks = chart.model.ranksAt(row)
                        ctx.strokeStyle = chart.lineColor(row)
                        ctx.fillStyle = chart.lineColor(row)
                        ctx.globalAlpha = chart.selectedLine < 0 || highlighted ? 1 : 0.25
                        ctx.lineWidth = highlighted ? 3 : 1.5
                        // A day off the list breaks the line: it did not hold a rank in between.
                        let drawing = false
                        ctx.beginPath()
                        for (let i = 0; i < ranks.length; ++i) {
                            if (ranks[i] <= 0) {
                                drawing = false
                                continue
                            }
                            if (drawing)
                                ctx.lineTo(xOf(i), yOf(ranks[i]))
                            else
                                ctx.moveTo(xOf(i), yOf(ranks[i]))
                            drawing = true
                        }
                        ctx.stroke()
                        for (let i = 0; i < ranks.length; ++i) {
                            if (ranks[i] <= 0)
                                continue
                            ctx.beginPath()
                            ctx.arc(xOf(i), yOf(ranks[i]), highlighted ? 3.5 : 2, 0, 2 * Math.PI)
                            ctx.fill()
                        }
                    }

                    onPaint: {
                        const ctx = getContext("2d")
                        ctx.reset()
                        ctx.strokeStyle = Theme.outline
                        ctx.lineWidth = 1
                        for (const y of [0.5, height - 0.5]) {
                            ctx.beginPath()
                            ctx.moveTo(0, y)
                            ctx.lineTo(width, y)
                            ctx.stroke()
                        }
                        if (chart.selectedDate >= 0) {
                            ctx.beginPath()
                            ctx.moveTo(xOf(chart.selectedDate), 0)
                            ctx.lineTo(xOf(chart.selectedDate), height)
                            ctx.stroke()
                        }
                        // The picked line last, so that it is drawn over the others.
                        for (let row = chart.model.count - 1; row >= 0; --row) {
                            if (row !== chart.selectedLine)
                                drawLine(ctx, row, false)
                        }
                        if (chart.selectedLine >= 0)
                            drawLine(ctx, chart.selectedLine, true)
                        ctx.globalAlpha = 1
                    }
                }

                MouseArea {
                    anchors.fill: parent
                    hoverEnabled: true
                    // The nearest point under the pointer: the closest date, then the line nearest in rank.
                    onPositionChanged: (mouse) => {
                        let date = 0
                        for (let i = 1; i < chart.model.dateCount; ++i) {
                            if (Math.abs(canvas.xOf(i) - mouse.x) < Math.abs(canvas.xOf(date) - mouse.x))
                                date = i
                        }
                        let line = -1
                        let distance = 0
                        for (let row = 0; row < chart.model.count; ++row) {
                            const rank = chart.model.ranksAt(row)[date]
                            if (rank <= 0)
                                continue
                            const d = Math.abs(canvas.yOf(rank) - mouse.y)
                            if (line < 0 || d < distance) {
                                line = row
                                distance = d
                            }
                        }
                        if (line >= 0)
                            chart.pick(line, date)
                    }
                }
            }

            // The legend: each line's colour and name; a click picks the line.
            ColumnLayout {
                spacing: 2
                // Its rows fill its width; the plot, not the legend, takes what is left.
                Layout.fillWidth: false
                Layout.preferredWidth: 190
                Layout.alignment: Qt.AlignTop

                Repeater {
                    model: chart.model
                    // Qt 6.4's qmllint does not see this file's ids inside a delegate (a component boundary; 6.5
                    // adds ComponentBehavior: Bound for it), while the QML engine resolves them.
                    // qmllint disable unqualified
                    delegate: ItemDelegate {
                        required property int index
                        required property string label
                        required property int rank
                        required property string description
                        padding: 2
                        Layout.fillWidth: true
                        Accessible.name: description
                        onClicked: chart.pick(index, chart.selectedDate < 0 ? chart.model.dateCount - 1 : chart.selectedDate)
                        contentItem: RowLayout {
                            spacing: Theme.spacing / 2
                            Rectangle {
                                implicitWidth: 10
                                implicitHeight: 10
                                radius: 5
                                color: chart.lineColor(index)
                            }
                            Text {
                                text: qsTr("#%1 %2").arg(rank).arg(label)
                                color: index === chart.selectedLine ? Theme.textPrimary : Theme.textSecondary
                                font.pixelSize: Theme.fontSmall
                                font.weight: index === chart.selectedLine ? Font.DemiBold : Font.Normal
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                        background: Item {}
                    }
                    // qmllint enable unqualified
                }
            }
        }

        // The first and last snapshot dates under the plot.
        Item {
            visible: chart.model.dateCount > 0
            Layout.fillWidth: true
            Layout.leftMargin: 36 + Theme.spacing
            Layout.rightMargin: 190 + Theme.spacing
            implicitHeight: firstDate.implicitHeight

            Text {
                id: firstDate
                anchors.left: parent.left
                text: chart.model.firstDateText
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall - 1
            }
            Text {
                visible: chart.model.dateCount > 1
                anchors.right: parent.right
                text: chart.model.lastDateText
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall - 1
            }
        }

        Text {
            id: readout
            visible: chart.model.count > 0
            text: chart.selectedLine >= 0 ? chart.model.readout(chart.selectedLine, chart.selectedDate)
                                          : (chart.activeFocus ? qsTr("Up and down pick a line, left and right a day.") : " ")
            color: chart.selectedLine >= 0 ? Theme.textPrimary : Theme.textSecondary
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
