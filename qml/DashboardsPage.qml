import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import TuneScout.Backend

// Dashboards: the listening statistics of one period, in six sections (a tab bar, reachable with Tab and the
// arrow keys), with the period picker, plays-or-minutes switch, export and share image above them. Every figure
// comes from Dashboard, computed off the GUI thread.
FocusScope {
    id: page

    // The user asked to sign in or import, which happens on the Home page.
    signal homeRequested()

    readonly property var sections: ["overview", "top", "clock", "trends", "discovery", "eras"]

    // A section is built the first time it is on screen and kept from then on: the page opens without laying
    // out the five sections nobody is looking at yet.
    component LazySection: Loader {
        active: false
        onVisibleChanged: if (visible) active = true
        Component.onCompleted: if (visible) active = true
    }

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Dashboards")

    function showSection(id) {
        const index = sections.indexOf(id)
        if (index >= 0)
            tabs.currentIndex = index
    }

    // Renders the share card for the current period offscreen and saves it as a PNG at `file` (a URL).
    function saveShareImage(file) {
        shareCard.grabToImage(function(result) {
            Dashboard.saveShareImage(result.image, file)
        }, Qt.size(shareCard.width, shareCard.height))
    }

    onVisibleChanged: if (visible) Dashboard.activate()
    Component.onCompleted: {
        if (visible)
            Dashboard.activate()
        if (AppInfo.initialPage === "dashboards")
            showSection(AppInfo.initialSection)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 1.5 * Theme.spacing

        PageHeader {
            title: qsTr("Dashboards")
            subtitle: qsTr("Your listening in numbers, from the history kept on this computer.")
            Layout.fillWidth: true
        }

        // The period, the measure, and what can be done with them.
        Flow {
            objectName: "dashboardToolbar"
            visible: Dashboard.state === Dashboard.Ready
            spacing: Theme.spacing
            Layout.fillWidth: true

            ComboBox {
                id: rangePicker
                objectName: "rangePicker"
                readonly property var presets: ["4w", "6m", "1y", "all", "custom"]
                model: [qsTr("Last 4 weeks"), qsTr("Last 6 months"), qsTr("Last year"), qsTr("All time"), qsTr("Custom dates…")]
                currentIndex: Math.max(0, presets.indexOf(Dashboard.preset))
                implicitWidth: 170
                Accessible.name: qsTr("Period")
                onActivated: (index) => {
                    if (presets[index] !== "custom")
                        Dashboard.setPreset(presets[index])
                    else
                        customFrom.forceActiveFocus()
                }
            }
            TextField {
                id: customFrom
                objectName: "customFrom"
                visible: rangePicker.currentIndex === 4
                text: Dashboard.customFrom
                placeholderText: qsTr("From YYYY-MM-DD")
                implicitWidth: 140
                Accessible.name: qsTr("First day of the period (YYYY-MM-DD)")
                onAccepted: Dashboard.setCustomRange(customFrom.text, customTo.text)
            }
            TextField {
                id: customTo
                objectName: "customTo"
                visible: rangePicker.currentIndex === 4
                text: Dashboard.customTo
                placeholderText: qsTr("To YYYY-MM-DD")
                implicitWidth: 140
                Accessible.name: qsTr("Last day of the period (YYYY-MM-DD)")
                onAccepted: Dashboard.setCustomRange(customFrom.text, customTo.text)
            }
            Button {
                visible: rangePicker.currentIndex === 4
                text: qsTr("Apply")
                Accessible.name: qsTr("Apply the custom period")
                onClicked: Dashboard.setCustomRange(customFrom.text, customTo.text)
            }

            Row {
                spacing: 0
                ButtonGroup {
                    id: measureGroup
                }
                Button {
                    objectName: "measurePlays"
                    text: qsTr("Plays")
                    checkable: true
                    checked: Dashboard.measure === Dashboard.Plays
                    ButtonGroup.group: measureGroup
                    Accessible.name: qsTr("Count plays")
                    onClicked: Dashboard.measure = Dashboard.Plays
                }
                Button {
                    objectName: "measureMinutes"
                    text: qsTr("Minutes")
                    checkable: true
                    checked: Dashboard.measure === Dashboard.Minutes
                    ButtonGroup.group: measureGroup
                    Accessible.name: qsTr("Count minutes")
                    onClicked: Dashboard.measure = Dashboard.Minutes
                }
            }

            Button {
                text: qsTr("Export…")
                enabled: Dashboard.state === Dashboard.Ready && !Dashboard.exportBusy
                Accessible.name: qsTr("Export plays or top lists to a file")
                onClicked: exportMenu.open()

                Menu {
                    id: exportMenu
                    y: parent.height
                    MenuItem {
                        text: qsTr("Plays of this period as CSV…")
                        onTriggered: exportDialog.ask("plays", "csv")
                    }
                    MenuItem {
                        text: qsTr("Plays of this period as JSON…")
                        onTriggered: exportDialog.ask("plays", "json")
                    }
                    MenuItem {
                        text: qsTr("Top lists of this period as CSV…")
                        onTriggered: exportDialog.ask("top", "csv")
                    }
                    MenuItem {
                        text: qsTr("Top lists of this period as JSON…")
                        onTriggered: exportDialog.ask("top", "json")
                    }
                }
            }
            Button {
                objectName: "shareImageButton"
                text: qsTr("Share image…")
                enabled: Dashboard.state === Dashboard.Ready
                Accessible.name: qsTr("Save a picture of this period as PNG")
                onClicked: shareDialog.open()
            }
            BusyIndicator {
                running: Dashboard.busy || Dashboard.exportBusy
                visible: running
                implicitWidth: 28
                implicitHeight: 28
                Accessible.name: qsTr("Computing")
            }
        }

        Text {
            objectName: "rangeLabel"
            visible: Dashboard.state === Dashboard.Ready
            text: Dashboard.rangeError.length > 0 ? Dashboard.rangeError : Dashboard.rangeLabel
            color: Dashboard.rangeError.length > 0 ? Theme.danger : Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Dashboard.rangeError.length > 0 ? Accessible.AlertMessage : Accessible.StaticText
            Accessible.name: text
        }
        Text {
            objectName: "exportMessage"
            visible: text.length > 0
            text: Dashboard.exportMessage
            color: Dashboard.exportFailed ? Theme.danger : Theme.accent
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }

        TabBar {
            id: tabs
            objectName: "dashboardTabs"
            visible: Dashboard.state === Dashboard.Ready
            Layout.fillWidth: true
            Accessible.role: Accessible.PageTabList
            Accessible.name: qsTr("Dashboard sections")
            background: Rectangle {
                color: "transparent"
                Rectangle {
                    anchors.bottom: parent.bottom
                    width: parent.width
                    height: 1
                    color: Theme.outline
                }
            }

            Repeater {
                model: [qsTr("Overview"), qsTr("Top lists"), qsTr("Listening clock"), qsTr("Trends"), qsTr("Discovery"), qsTr("Eras and genres")]
                SectionTab {
                    id: sectionTab
                    required property string modelData
                    text: modelData
                    // The bar through the attached property: a delegate does not see the page's ids.
                    Keys.onLeftPressed: sectionTab.TabBar.tabBar.currentIndex = Math.max(0, sectionTab.TabBar.tabBar.currentIndex - 1)
                    Keys.onRightPressed: sectionTab.TabBar.tabBar.currentIndex = Math.min(sectionTab.TabBar.tabBar.count - 1, sectionTab.TabBar.tabBar.currentIndex + 1)
                }
            }
        }

        DashboardEmptyState {
            visible: Dashboard.state !== Dashboard.Ready
            onHomeRequested: page.homeRequested()
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        StackLayout {
            objectName: "dashboardStack"
            visible: Dashboard.state === Dashboard.Ready
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            LazySection {
                sourceComponent: DashboardOverview {
                    onOpenRequested: (kind, id) => detail.show(kind, id)
                }
            }
            LazySection {
                sourceComponent: DashboardTopLists {
                    onOpenRequested: (kind, id) => detail.show(kind, id)
                }
            }
            LazySection {
                sourceComponent: DashboardClock {}
            }
            LazySection {
                sourceComponent: DashboardTrends {}
            }
            LazySection {
                sourceComponent: DashboardDiscovery {
                    onOpenRequested: (kind, id) => detail.show(kind, id)
                }
            }
            LazySection {
                sourceComponent: DashboardEras {}
            }
        }
    }

    DashboardDetail {
        id: detail
    }

    FileDialog {
        id: exportDialog
        property string what: "plays"
        property string format: "csv"
        function ask(what, format) {
            exportDialog.what = what
            exportDialog.format = format
            open()
        }
        title: what === "plays" ? qsTr("Export plays") : qsTr("Export top lists")
        fileMode: FileDialog.SaveFile
        defaultSuffix: format
        nameFilters: format === "csv" ? [qsTr("CSV files (*.csv)")] : [qsTr("JSON files (*.json)")]
        onAccepted: {
            if (what === "plays")
                Dashboard.exportPlays(selectedFile, format)
            else
                Dashboard.exportTopLists(selectedFile, format)
        }
    }

    FileDialog {
        id: shareDialog
        title: qsTr("Save the share image")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "png"
        nameFilters: [qsTr("PNG images (*.png)")]
        onAccepted: page.saveShareImage(selectedFile)
    }

    // The share card is laid out at its own size outside the visible area and only ever grabbed to an image.
    Item {
        width: 0
        height: 0
        clip: true

        DashboardShareCard {
            id: shareCard
            objectName: "shareCard"
        }
    }
}
