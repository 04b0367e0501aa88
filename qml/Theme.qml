pragma Singleton
import QtQuick

// Colours, sizes and type scale shared by every page.
QtObject {
    readonly property color background: "#111418"
    readonly property color surface: "#181c22"
    readonly property color surfaceRaised: "#20262e"
    readonly property color outline: "#2c333d"
    readonly property color accent: "#4fd1a5"
    readonly property color accentMuted: "#1f3d35"
    readonly property color textPrimary: "#e8eaed"
    readonly property color textSecondary: "#a3abb5"
    readonly property color warning: "#f2b84b"
    readonly property color warningSurface: "#3a2f17"
    readonly property color danger: "#ff6b6b"
    readonly property color dangerSurface: "#3d1d1f"

    readonly property int spacing: 8
    readonly property int radius: 10
    readonly property int railWidth: 220

    readonly property int fontSmall: 12
    readonly property int fontBody: 14
    readonly property int fontTitle: 18
    readonly property int fontHeadline: 26
}
