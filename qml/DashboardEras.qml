import QtQuick
import QtQuick.Layouts
import TuneScout.Backend

// When the music you play was released, and its genres from open tags.
DashboardSection {
    name: qsTr("Eras and genres")

    Card {
        title: qsTr("Release decades")
        Layout.fillWidth: true

        BarChart {
            objectName: "erasChart"
            model: Dashboard.eras
            title: qsTr("Release decades")
            Layout.fillWidth: true
        }
    }
    Card {
        title: qsTr("Genres")
        Layout.fillWidth: true

        Text {
            objectName: "genresNote"
            visible: text.length > 0
            text: Dashboard.genresNote
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        // While tags are missing (none yet, or only for some plays), or while a lookup runs or just ended.
        GenreLookup {
            objectName: "erasGenreLookup"
            visible: Dashboard.genresNote.length > 0 || Enrichment.running || Enrichment.summary.length > 0
                     || Enrichment.errorMessage.length > 0
            Layout.fillWidth: true
        }
        RankedList {
            objectName: "genres"
            model: Dashboard.genres
            emptyText: qsTr("No tags for the music of this period.")
            Layout.fillWidth: true
        }
    }
}
