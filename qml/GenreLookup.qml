import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import TuneScout.Backend

// Looking up genres at MusicBrainz (Enrichment): what is sent and how, the button that starts it — only the
// user does — its progress with Stop, and how the last lookup went. Shown in Settings and on the Eras and genres
// dashboard while tags are missing.
ColumnLayout {
    id: lookup

    spacing: Theme.spacing

    Text {
        text: qsTr("Genres come from MusicBrainz, an open music encyclopedia. Only each track's ISRC (the code of its recording) is sent — nothing about you or your listening — one request a second. You can stop at any time; the next lookup continues where this one ended.")
        color: Theme.textSecondary
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }

    RowLayout {
        spacing: Theme.spacing
        Layout.fillWidth: true

        Button {
            objectName: "genreLookupStart"
            visible: Enrichment.available && !Enrichment.running
            enabled: Enrichment.canStart
            text: qsTr("Look up genres on MusicBrainz")
            Accessible.name: text
            onClicked: Enrichment.start()
        }
        Text {
            objectName: "genreLookupPending"
            visible: Enrichment.available && !Enrichment.running && text.length > 0
            text: Enrichment.pendingText
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }

        ProgressBar {
            objectName: "genreLookupProgress"
            visible: Enrichment.running
            from: 0
            to: Math.max(1, Enrichment.total)
            value: Enrichment.done
            indeterminate: Enrichment.total === 0
            Layout.fillWidth: true
            Accessible.name: qsTr("Looking up genres: %1").arg(Enrichment.progressText)
        }
        Text {
            objectName: "genreLookupProgressText"
            visible: Enrichment.running
            text: Enrichment.progressText
            color: Theme.textPrimary
            font.pixelSize: Theme.fontSmall
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Button {
            objectName: "genreLookupStop"
            visible: Enrichment.running
            text: qsTr("Stop")
            Accessible.name: qsTr("Stop looking up genres")
            onClicked: Enrichment.stop()
        }
    }

    Text {
        objectName: "genreLookupSummary"
        visible: text.length > 0 && !Enrichment.running
        text: Enrichment.summary
        color: Theme.textPrimary
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }
    Text {
        objectName: "genreLookupError"
        visible: text.length > 0 && !Enrichment.running
        text: Enrichment.errorMessage
        color: Theme.danger
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        Accessible.role: Accessible.AlertMessage
        Accessible.name: text
    }
}
