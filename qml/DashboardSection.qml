import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A scrolling section of the Dashboards page: its content goes into one column as wide as the view.
ScrollView {
    id: section

    required property string name
    default property alias content: column.data

    contentWidth: availableWidth
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: name

    ColumnLayout {
        id: column
        width: section.availableWidth
        spacing: 2 * Theme.spacing
    }
}
