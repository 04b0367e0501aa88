#include "engine/spotify/spotifyerror.h"

#include "engine/spotify/spotifyjson.h"

#include <QMetaEnum>

namespace engine
{

namespace
{

// Development Mode's allow-list answers in plain text ("Check settings on developer.spotify.com/dashboard,
// the user may not be registered."), and an app whose owner lost Premium answers with its own message.
bool isDevelopmentModeRefusal(const QString &text)
{
    return text.contains(QLatin1String("not registered"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("developer.spotify.com/dashboard"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("required for the owner"), Qt::CaseInsensitive);
}

// Spotify's words when the body is not its JSON envelope: short printable text only, for the log.
QString plainText(const QByteArray &body)
{
    const QString text = QString::fromUtf8(body.left(200)).simplified();
    for (const QChar c : text) {
        if (!c.isPrint()) {
            return {};
        }
    }
    return text;
}

} // namespace

QByteArray SpotifyResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

QString SpotifyError::message() const
{
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("TuneScout could not reach Spotify. Check your internet connection; until then "
                              "TuneScout shows what it has saved.");
    case Kind::RateLimited:
        return QStringLiteral("Spotify is busy and asked TuneScout to slow down. Try again in a few minutes.");
    case Kind::QuotaExceeded:
        return QStringLiteral("Your Spotify app has used up its request quota for now. Syncing resumes at the "
                              "start of the next hour; until then TuneScout shows what it has saved.");
    case Kind::SessionExpired:
        return QStringLiteral("Your Spotify sign-in has expired. Sign in to Spotify again.");
    case Kind::NotRegistered:
        return QStringLiteral("Spotify did not let this account use your Spotify app. Open the app in the Spotify "
                              "Developer Dashboard, go to User Management and add this account's name and e-mail "
                              "address to the allow-list (Development Mode allows up to 5 users). The app's owner "
                              "also needs Spotify Premium.");
    case Kind::PremiumRequired:
        return QStringLiteral("Controlling playback needs Spotify Premium on this account.");
    case Kind::NoActiveDevice:
        return QStringLiteral("No Spotify device is active. Start playing on a phone, computer or speaker with "
                              "Spotify, then try again.");
    case Kind::Forbidden:
        return QStringLiteral("Spotify did not allow this. If it keeps happening, sign in to Spotify again so that "
                              "TuneScout can ask for the permissions it needs.");
    case Kind::NotFound:
        return QStringLiteral("Spotify could not find this; it may have been removed.");
    case Kind::BadRequest:
        return QStringLiteral("Spotify did not accept TuneScout's request. This is a bug in TuneScout; please "
                              "report it.");
    case Kind::ServerError:
        return QStringLiteral("Spotify is having problems right now. Try again later.");
    case Kind::EndpointUnavailable:
        return QStringLiteral("Spotify no longer offers this to apps in Development Mode.");
    case Kind::CircuitOpen:
        return QStringLiteral("Spotify has not been answering, so TuneScout is giving it a moment. Try again in "
                              "half a minute.");
    case Kind::Cancelled:
        return QStringLiteral("The request to Spotify was cancelled.");
    case Kind::BadResponse:
        return QStringLiteral("Spotify sent an answer TuneScout does not understand. Try again later.");
    }
    return {};
}

QString SpotifyError::kindName() const
{
    return QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(kind)));
}

SpotifyError spotifyErrorFor(int status, const QByteArray &body)
{
    const spotifyjson::ApiError parsed = spotifyjson::parseError(status, body);
    SpotifyError error;
    error.status = status;
    error.reason = parsed.reason;
    error.detail = !parsed.message.isEmpty() ? parsed.message
        : !parsed.oauthError.isEmpty()       ? parsed.oauthError
                                             : plainText(body);
    const auto reasonIs = [&parsed](QLatin1String reason) {
        return parsed.reason.compare(reason, Qt::CaseInsensitive) == 0;
    };
    if (status == 401) {
        error.kind = SpotifyError::Kind::SessionExpired;
    } else if (status == 403) {
        error.kind = reasonIs(QLatin1String("PREMIUM_REQUIRED")) ? SpotifyError::Kind::PremiumRequired
            : isDevelopmentModeRefusal(error.detail)             ? SpotifyError::Kind::NotRegistered
                                                                 : SpotifyError::Kind::Forbidden;
    } else if (status == 404) {
        error.kind = reasonIs(QLatin1String("NO_ACTIVE_DEVICE"))
                || error.detail.contains(QLatin1String("No active device"), Qt::CaseInsensitive)
            ? SpotifyError::Kind::NoActiveDevice
            : SpotifyError::Kind::NotFound;
    } else if (status == 429) {
        error.kind = reasonIs(QLatin1String("QUOTA_EXCEEDED")) ? SpotifyError::Kind::QuotaExceeded
                                                               : SpotifyError::Kind::RateLimited;
    } else if (status >= 500 && status <= 599) {
        error.kind = SpotifyError::Kind::ServerError;
    } else if (status >= 400 && status <= 499) {
        error.kind = SpotifyError::Kind::BadRequest;
    } else {
        error.kind = SpotifyError::Kind::BadResponse;
    }
    return error;
}

} // namespace engine
