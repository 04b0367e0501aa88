#include "tests/support/spotify/fakespotifyfaults.h"

#include <QRegularExpression>

namespace testsupport
{

FakeSpotifyFault FakeSpotifyFault::accessTokenExpired(const QString &pathPattern, int times)
{
    FakeSpotifyFault fault;
    fault.pathPattern = pathPattern;
    fault.status = 401;
    fault.message = QStringLiteral("The access token expired");
    fault.times = times;
    return fault;
}

FakeSpotifyFault FakeSpotifyFault::playerError(const QString &reason, const QString &pathPattern, int times)
{
    FakeSpotifyFault fault;
    fault.pathPattern = pathPattern;
    fault.status = reason == QLatin1String("NO_ACTIVE_DEVICE") ? 404 : 403;
    fault.reason = reason;
    fault.message = playerMessage(reason);
    fault.times = times;
    return fault;
}

FakeSpotifyFault FakeSpotifyFault::userNotRegistered(const QString &pathPattern, int times)
{
    FakeSpotifyFault fault;
    fault.pathPattern = pathPattern;
    fault.status = 403;
    fault.rawBody = QByteArrayLiteral("User not registered in the Developer Dashboard");
    fault.rawContentType = QByteArrayLiteral("text/plain");
    fault.times = times;
    return fault;
}

FakeSpotifyFault FakeSpotifyFault::ownerNeedsPremium(const QString &pathPattern, int times)
{
    FakeSpotifyFault fault;
    fault.pathPattern = pathPattern;
    fault.status = 403;
    fault.message = QStringLiteral("Active premium subscription required for the owner of the app");
    fault.times = times;
    return fault;
}

FakeSpotifyFault FakeSpotifyFault::rateLimited(int retryAfterS, const QString &pathPattern, int times)
{
    FakeSpotifyFault fault;
    fault.pathPattern = pathPattern;
    fault.status = 429;
    fault.retryAfterS = retryAfterS;
    fault.times = times;
    return fault;
}

FakeSpotifyFault FakeSpotifyFault::quotaExceeded(int retryAfterS, const QString &pathPattern, int times)
{
    FakeSpotifyFault fault = rateLimited(retryAfterS, pathPattern, times);
    fault.reason = QStringLiteral("QUOTA_EXCEEDED");
    return fault;
}

FakeSpotifyFault FakeSpotifyFault::serverError(int status, const QString &pathPattern, int times, int retryAfterS)
{
    FakeSpotifyFault fault;
    fault.pathPattern = pathPattern;
    fault.status = status;
    fault.retryAfterS = retryAfterS;
    fault.times = times;
    return fault;
}

FakeSpotifyFault FakeSpotifyFault::slow(int delayMs, const QString &pathPattern, int times)
{
    FakeSpotifyFault fault;
    fault.pathPattern = pathPattern;
    fault.delayMs = delayMs;
    fault.times = times;
    return fault;
}

QStringList FakeSpotifyFault::playerReasons()
{
    return {QStringLiteral("NO_PREV_TRACK"),
            QStringLiteral("NO_NEXT_TRACK"),
            QStringLiteral("NO_SPECIFIC_TRACK"),
            QStringLiteral("ALREADY_PAUSED"),
            QStringLiteral("NOT_PAUSED"),
            QStringLiteral("NOT_PLAYING_TRACK"),
            QStringLiteral("NOT_PLAYING_LOCALLY"),
            QStringLiteral("NOT_PLAYING_CONTEXT"),
            QStringLiteral("ENDLESS_CONTEXT"),
            QStringLiteral("CONTEXT_DISALLOW"),
            QStringLiteral("ALREADY_PLAYING"),
            QStringLiteral("RATE_LIMITED"),
            QStringLiteral("REMOTE_CONTROL_DISALLOW"),
            QStringLiteral("DEVICE_NOT_CONTROLLABLE"),
            QStringLiteral("VOLUME_CONTROL_DISALLOW"),
            QStringLiteral("NO_ACTIVE_DEVICE"),
            QStringLiteral("PREMIUM_REQUIRED"),
            QStringLiteral("UNKNOWN")};
}

QString FakeSpotifyFault::playerMessage(const QString &reason)
{
    if (reason == QLatin1String("PREMIUM_REQUIRED"))
        return QStringLiteral("Player command failed: Premium required");
    if (reason == QLatin1String("NO_ACTIVE_DEVICE"))
        return QStringLiteral("Player command failed: No active device found");
    return QStringLiteral("Player command failed: Restriction violated");
}

QString FakeSpotifyFault::defaultMessage(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad request");
    case 401:
        return QStringLiteral("Invalid access token");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Service not found");
    case 429:
        return QStringLiteral("API rate limit exceeded");
    case 500:
        return QStringLiteral("Server error.");
    case 502:
        return QStringLiteral("Bad gateway.");
    case 503:
        return QStringLiteral("Service unavailable");
    default:
        return QStringLiteral("Error");
    }
}

bool FakeSpotifyFault::matches(const QByteArray &requestMethod, const QString &path) const
{
    if (!method.isEmpty() && method != requestMethod)
        return false;
    return pathPattern.isEmpty() || QRegularExpression(pathPattern).match(path).hasMatch();
}

FakeSpotifyResponse FakeSpotifyFault::response() const
{
    FakeSpotifyResponse out = rawBody.isEmpty()
        ? FakeSpotifyResponse::apiError(status, message.isEmpty() ? defaultMessage(status) : message, reason)
        : FakeSpotifyResponse::text(status, rawContentType, rawBody);
    if (retryAfterS >= 0)
        out.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterS)});
    return out;
}

void FakeSpotifyFaultList::add(const FakeSpotifyFault &fault)
{
    if (fault.times != 0)
        m_faults.append(fault);
}

void FakeSpotifyFaultList::clear()
{
    m_faults.clear();
}

int FakeSpotifyFaultList::pending() const
{
    return int(m_faults.size());
}

std::optional<FakeSpotifyFault> FakeSpotifyFaultList::take(const QByteArray &method, const QString &path)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        FakeSpotifyFault &fault = m_faults[i];
        if (!fault.matches(method, path))
            continue;
        const FakeSpotifyFault taken = fault;
        if (fault.times > 0 && --fault.times == 0)
            m_faults.removeAt(i);
        return taken;
    }
    return std::nullopt;
}

} // namespace testsupport
