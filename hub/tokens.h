#pragma once

#include <QByteArray>
#include <QString>

namespace hub
{

// Secrets the hub hands out. Both come from the operating system's CSPRNG (QRandomGenerator::system()) and
// are stored only as SHA-256 (HB-1, HB-2).

// "hub_" + base64url of 32 random bytes (256 bits), 47 characters.
QByteArray newDeviceToken();
// Whether text has the shape of a device token: checked before any database lookup.
bool isWellFormedDeviceToken(const QByteArray &text);

// 10 Crockford base32 characters (50 bits), shown as two groups of five: "7KQ2M-X9D4R". Stored as the
// SHA-256 of the code without the dash (what normalizeInviteCode gives).
QString newInviteCode();
inline constexpr int inviteValidMinutes = 10;

} // namespace hub
