#include "engine/stats/platform.h"

namespace engine
{

PlatformGroup normalisePlatform(QStringView platform)
{
    const QString text = platform.trimmed().toString().toLower();
    if (text.isEmpty()) {
        return PlatformGroup::Unknown;
    }
    const auto startsWith = [&text](const char *prefix) {
        return text.startsWith(QLatin1String(prefix));
    };
    // Partner and cast strings name the phone or OS that started the cast as well ("Partner android_tv …",
    // "cast_to_windows"), so they are recognised before the operating systems.
    if (startsWith("partner") || startsWith("cast_to") || startsWith("cast ") || startsWith("sonos")
        || startsWith("chromecast") || startsWith("google_cast")) {
        return PlatformGroup::CastAndSpeakers;
    }
    if (startsWith("web_player") || startsWith("webplayer") || startsWith("web player") || text == u"web") {
        return PlatformGroup::Web;
    }
    if (startsWith("android")) {
        return PlatformGroup::Android;
    }
    if (startsWith("ios") || startsWith("iphone") || startsWith("ipad") || startsWith("ipod")) {
        return PlatformGroup::IOS;
    }
    if (startsWith("windows")) {
        return PlatformGroup::Windows;
    }
    if (startsWith("os x") || startsWith("osx") || startsWith("macos") || startsWith("mac os")) {
        return PlatformGroup::MacOS;
    }
    if (startsWith("linux")) {
        return PlatformGroup::Linux;
    }
    return PlatformGroup::Other;
}

QString platformGroupKey(PlatformGroup group)
{
    switch (group) {
    case PlatformGroup::Unknown:
        return QStringLiteral("unknown");
    case PlatformGroup::Android:
        return QStringLiteral("android");
    case PlatformGroup::IOS:
        return QStringLiteral("ios");
    case PlatformGroup::Windows:
        return QStringLiteral("windows");
    case PlatformGroup::MacOS:
        return QStringLiteral("macos");
    case PlatformGroup::Linux:
        return QStringLiteral("linux");
    case PlatformGroup::Web:
        return QStringLiteral("web");
    case PlatformGroup::CastAndSpeakers:
        return QStringLiteral("cast");
    case PlatformGroup::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

QString platformGroupName(PlatformGroup group)
{
    switch (group) {
    case PlatformGroup::Unknown:
        return QStringLiteral("Unknown");
    case PlatformGroup::Android:
        return QStringLiteral("Android");
    case PlatformGroup::IOS:
        return QStringLiteral("iOS");
    case PlatformGroup::Windows:
        return QStringLiteral("Windows");
    case PlatformGroup::MacOS:
        return QStringLiteral("macOS");
    case PlatformGroup::Linux:
        return QStringLiteral("Linux");
    case PlatformGroup::Web:
        return QStringLiteral("Web player");
    case PlatformGroup::CastAndSpeakers:
        return QStringLiteral("Cast and speakers");
    case PlatformGroup::Other:
        return QStringLiteral("Other");
    }
    return QStringLiteral("Other");
}

} // namespace engine
