#pragma once

#include <QByteArray>
#include <QObject>

#include <functional>

namespace engine
{

// What the Spotify client needs from the signed-in session: the access token to send, and a fresh one after
// Spotify rejected it. The session owns the tokens (refresh token in the keychain, access token in memory
// only); the client never sees a refresh token.
class AccessTokenProvider
{
public:
    virtual ~AccessTokenProvider() = default;

    // The current access token; empty when nobody is signed in.
    virtual QByteArray accessToken() const = 0;

    // Called after a 401 to a request that carried `rejected`. Single-flight: however many requests ask
    // at once, at most one refresh runs, and a caller whose `rejected` token has already been replaced is
    // answered at once. `done` runs on `context`'s thread with true when a new access token is available,
    // or false when there is none: the session ended and the user must sign in again, or Spotify could not
    // be reached (the provider's own state tells which). Never a retry loop.
    virtual void refreshAccessToken(const QByteArray &rejected, QObject *context, std::function<void(bool)> done) = 0;
};

} // namespace engine
