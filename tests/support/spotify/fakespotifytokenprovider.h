#pragma once

#include "engine/spotify/accesstokenprovider.h"
#include "tests/support/spotify/fakespotify.h"

#include <QMetaObject>

namespace testsupport
{

// Access tokens the fake issues without a sign-in, for tests of what comes after it (sync, the API client's
// policy): a refresh asks the fake for a new grant, answered through the event loop as the real session does.
class FakeSpotifyTokenProvider : public engine::AccessTokenProvider
{
public:
    explicit FakeSpotifyTokenProvider(FakeSpotify &spotify)
        : m_spotify(spotify)
        , m_token(spotify.issueTokens().accessToken.toUtf8())
    {
    }

    QByteArray accessToken() const override
    {
        return m_token;
    }

    void refreshAccessToken(const QByteArray &, QObject *context, std::function<void(bool)> done) override
    {
        m_token = m_spotify.issueTokens().accessToken.toUtf8();
        QMetaObject::invokeMethod(
            context,
            [done] {
                done(true);
            },
            Qt::QueuedConnection);
    }

private:
    FakeSpotify &m_spotify;
    QByteArray m_token;
};

} // namespace testsupport
