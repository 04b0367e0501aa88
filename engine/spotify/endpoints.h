#pragma once

#include "engine/model/result.h"

#include <QProcessEnvironment>
#include <QUrl>

namespace engine
{

// The base URLs of Spotify's two services. Configurable so that the same binaries run against the fake
// Spotify of the test suite (TUNESCOUT_SPOTIFY_ACCOUNTS_URL, TUNESCOUT_SPOTIFY_API_URL).
struct SpotifyEndpoints {
    QUrl accountsUrl; // https://accounts.spotify.com: /authorize and /api/token
    QUrl apiUrl; // https://api.spotify.com/v1

    static SpotifyEndpoints defaults();
    // Reads the environment; an unusable value is an error naming the variable and what is expected.
    static Result<SpotifyEndpoints> fromEnvironment(const QProcessEnvironment &environment);
};

// Parses a base URL given by the user: absolute http(s) with a host, no query or fragment; the trailing
// slash is dropped. `source` names where the value came from, for the error message.
Result<QUrl> parseBaseUrl(const QString &value, const QString &source);

} // namespace engine
