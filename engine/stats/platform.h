#pragma once

#include <QString>
#include <QStringView>

namespace engine
{

// The device families a listen is grouped under. Spotify's privacy export names the platform in free text
// that changed over the years ("Android OS 9 API 28 (samsung, SM-G960F)", "iOS 14.4 (iPhone12,1)", "ios",
// "Windows 10 (10.0.19042; x64)", "OS X 10.15.7 [x86 8]", "web_player linux …", "Partner sonos_…",
// "cast_to_…"); statistics show these groups instead.
enum class PlatformGroup : quint8 {
    Unknown, // no platform recorded (every polled play): left out of platform shares
    Android,
    IOS,
    Windows,
    MacOS,
    Linux,
    Web,
    CastAndSpeakers, // Spotify Connect partners (speakers, TVs, cars, consoles) and casting
    Other,
};
constexpr int PlatformGroupCount = int(PlatformGroup::Other) + 1;

PlatformGroup normalisePlatform(QStringView platform);
// "android", "ios", "windows", "macos", "linux", "web", "cast", "other", "unknown": stable keys for JSON.
QString platformGroupKey(PlatformGroup group);
// "Android", "iOS", "Windows", "macOS", "Linux", "Web player", "Cast and speakers", "Other", "Unknown".
QString platformGroupName(PlatformGroup group);

} // namespace engine
