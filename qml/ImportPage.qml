import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import TuneScout.Backend

// Importing Spotify's privacy export: choose the zip, a folder or the JSON files, watch the progress, then
// read what the import did under each rule and with each file.
ScrollView {
    id: page

    contentWidth: availableWidth
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Import")

    FileDialog {
        id: fileDialog
        title: qsTr("Choose Spotify's export: the zip or its JSON files")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("Spotify export (*.zip *.json)"), qsTr("All files (*)")]
        onAccepted: HistoryImport.start(selectedFiles)
    }
    FolderDialog {
        id: folderDialog
        title: qsTr("Choose the folder you unpacked the export into")
        onAccepted: HistoryImport.start([selectedFolder])
    }

    ColumnLayout {
        width: page.availableWidth
        spacing: 2 * Theme.spacing

        PageHeader {
            title: qsTr("Import your history")
            subtitle: qsTr("Your whole listening history from Spotify's privacy export, kept on this computer.")
            Layout.fillWidth: true
        }

        Card {
            title: qsTr("Choose the export")
            Layout.fillWidth: true

            Text {
                text: qsTr("Request “Extended streaming history” (every year since you joined) or “Account data” (the last year) in your Spotify account's privacy settings. Spotify emails a zip after a few days: choose it as it is, the folder you unpacked it into, or single JSON files. Importing the same files again changes nothing.")
                color: Theme.textSecondary
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            RowLayout {
                spacing: Theme.spacing

                Button {
                    text: qsTr("Choose the zip or files…")
                    enabled: !HistoryImport.busy
                    Accessible.name: qsTr("Choose the export's zip or JSON files to import")
                    onClicked: fileDialog.open()
                }
                Button {
                    text: qsTr("Choose a folder…")
                    enabled: !HistoryImport.busy
                    Accessible.name: qsTr("Choose a folder holding the export to import")
                    onClicked: folderDialog.open()
                }
                CheckBox {
                    text: qsTr("Include private-session plays")
                    checked: HistoryImport.includeIncognito
                    enabled: !HistoryImport.busy
                    Accessible.name: text
                    onToggled: HistoryImport.includeIncognito = checked
                }
            }
        }

        Card {
            title: qsTr("Importing")
            visible: HistoryImport.busy
            Layout.fillWidth: true

            ProgressBar {
                value: HistoryImport.progress
                Layout.fillWidth: true
                Accessible.name: qsTr("Import progress: %1 percent").arg(Math.round(HistoryImport.progress * 100))
            }
            Text {
                text: HistoryImport.progressText
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideMiddle
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true

                Text {
                    text: HistoryImport.remainingText
                    color: Theme.textPrimary
                    font.pixelSize: Theme.fontBody
                    Layout.fillWidth: true
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                }
                Button {
                    text: qsTr("Cancel")
                    enabled: HistoryImport.state === HistoryImport.Running
                    Accessible.name: qsTr("Cancel the import")
                    onClicked: HistoryImport.cancel()
                }
            }
        }

        Card {
            objectName: "importError"
            title: qsTr("The import could not run")
            visible: HistoryImport.state === HistoryImport.Failed
            Layout.fillWidth: true

            Text {
                text: HistoryImport.errorMessage
                color: Theme.danger
                font.pixelSize: Theme.fontBody
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
        }

        Card {
            objectName: "importReport"
            title: qsTr("What the import did")
            visible: HistoryImport.state === HistoryImport.Finished
            Layout.fillWidth: true

            Text {
                text: HistoryImport.summary
                color: Theme.accent
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            Repeater {
                model: HistoryImport.counts
                delegate: RowLayout {
                    id: countRow

                    required property string title
                    required property string value

                    spacing: 2 * Theme.spacing
                    Layout.fillWidth: true
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("%1: %2").arg(title).arg(value)

                    Text {
                        text: countRow.value
                        color: Theme.textPrimary
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.DemiBold
                        horizontalAlignment: Text.AlignRight
                        Layout.preferredWidth: 80
                    }
                    Text {
                        text: countRow.title
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontBody
                        Layout.fillWidth: true
                    }
                }
            }
        }

        Card {
            title: qsTr("Files")
            visible: HistoryImport.state === HistoryImport.Finished
            Layout.fillWidth: true

            Repeater {
                model: HistoryImport.files
                delegate: ColumnLayout {
                    id: fileRow

                    required property string title
                    required property string detail
                    required property string value
                    required property bool problem

                    spacing: 2
                    Layout.fillWidth: true
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("%1: %2 %3").arg(title).arg(detail).arg(value)

                    RowLayout {
                        spacing: Theme.spacing
                        Layout.fillWidth: true

                        Text {
                            text: fileRow.title
                            color: Theme.textPrimary
                            font.pixelSize: Theme.fontBody
                            elide: Text.ElideMiddle
                            Layout.fillWidth: true
                        }
                        Text {
                            text: fileRow.value
                            color: Theme.textSecondary
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                    TextEdit {
                        text: fileRow.detail
                        color: fileRow.problem ? Theme.danger : Theme.textSecondary
                        font.pixelSize: Theme.fontSmall
                        readOnly: true
                        selectByMouse: true
                        wrapMode: TextEdit.Wrap
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }
}
