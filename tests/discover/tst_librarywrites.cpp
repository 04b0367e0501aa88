// engine/spotify's writes to the user's account against the fake Spotify over loopback: a like and an unlike
// through /me/library, a playlist created and filled 100 URIs a request in order, and the 403 of a missing scope.

#include "engine/spotify/librarywrites.h"
#include "tests/support/spotify/fakespotify.h"
#include "tests/support/spotify/fakespotifytokenprovider.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using engine::SpotifyError;
using testsupport::FakeSpotify;
using testsupport::FakeSpotifyLibrary;
using testsupport::FakeSpotifyPlaylist;
using testsupport::FakeSpotifyPlaylistEntry;
using testsupport::FakeSpotifySavedItem;

namespace
{

// The error's words, only when there is one (QVERIFY2 evaluates its message either way).
template<typename T>
QByteArray why(const engine::SpotifyResult<T> &result)
{
    return result ? QByteArray() : result.error().message().toUtf8();
}

} // namespace

class TestLibraryWrites : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeSpotify> m_spotify;
    std::unique_ptr<testsupport::FakeSpotifyTokenProvider> m_tokens;
    std::unique_ptr<engine::SpotifyClient> m_client;

    void start()
    {
        m_spotify = std::make_unique<FakeSpotify>();
        QVERIFY(m_spotify->start());
        m_tokens = std::make_unique<testsupport::FakeSpotifyTokenProvider>(*m_spotify);
        m_client = std::make_unique<engine::SpotifyClient>(m_spotify->apiUrl(),
                                                           m_tokens.get(),
                                                           engine::SpotifyApiProfile::DevelopmentMode);
    }

    QStringList trackUris(int count)
    {
        QStringList uris;
        m_spotify->withLibrary([&](FakeSpotifyLibrary &library) {
            for (int i = 0; i < count && i < library.tracks.size(); ++i) {
                uris.append(QStringLiteral("spotify:track:") + library.tracks.at(i).id);
            }
        });
        return uris;
    }

    bool saved(const QString &uri)
    {
        bool found = false;
        m_spotify->withLibrary([&](FakeSpotifyLibrary &library) {
            for (const FakeSpotifySavedItem &item : library.savedTracks) {
                found = found || QStringLiteral("spotify:track:") + item.id == uri;
            }
        });
        return found;
    }

    template<typename T>
    std::optional<engine::SpotifyResult<T>>
    await(const std::function<void(std::function<void(const engine::SpotifyResult<T> &)>)> &call)
    {
        std::optional<engine::SpotifyResult<T>> answer;
        call([&answer](const engine::SpotifyResult<T> &result) {
            answer = result;
        });
        if (!QTest::qWaitFor(
                [&answer] {
                    return answer.has_value();
                },
                20'000)) {
            return std::nullopt;
        }
        return answer;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_client.reset();
        m_tokens.reset();
        m_spotify.reset();
    }

    void likeAndUnlike()
    {
        start();
        // A track that is not saved yet.
        QString uri;
        for (const QString &candidate : trackUris(400)) {
            if (!saved(candidate)) {
                uri = candidate;
                break;
            }
        }
        QVERIFY(!uri.isEmpty());
        const auto liked = await<void>([&](auto done) {
            engine::saveToLibrary(*m_client, {uri}, this, done);
        });
        QVERIFY(liked);
        QVERIFY2(*liked, why(*liked).constData());
        QVERIFY(saved(uri));
        QCOMPARE(m_spotify->requestCount("PUT", QStringLiteral("^/v1/me/library$")), 1);

        const auto unliked = await<void>([&](auto done) {
            engine::removeFromLibrary(*m_client, {uri}, this, done);
        });
        QVERIFY(unliked);
        QVERIFY2(*unliked, why(*unliked).constData());
        QVERIFY(!saved(uri));
        QCOMPARE(m_spotify->requestCount("DELETE", QStringLiteral("^/v1/me/library$")), 1);
    }

    void aPlaylistIsCreatedAndFilledInSlicesOf100()
    {
        start();
        const QStringList uris = trackUris(250);
        QCOMPARE(uris.size(), 250);
        const auto created = await<engine::CreatedPlaylist>([&](auto done) {
            engine::createPlaylistWithItems(*m_client,
                                            QStringLiteral("TuneScout — For you now"),
                                            QStringLiteral("Made by TuneScout"),
                                            false,
                                            uris,
                                            this,
                                            done);
        });
        QVERIFY(created);
        QVERIFY2(*created, why(*created).constData());
        const engine::CreatedPlaylist playlist = created->value();
        QCOMPARE(playlist.itemsAdded, 250);
        QCOMPARE(playlist.uri, QStringLiteral("spotify:playlist:") + playlist.id);
        QCOMPARE(m_spotify->requestCount("POST", QStringLiteral("^/v1/me/playlists$")), 1);
        QCOMPARE(m_spotify->requestCount("POST", QStringLiteral("^/v1/playlists/[^/]+/items$")), 3);

        QStringList stored;
        QString name;
        bool isPublic = true;
        m_spotify->withLibrary([&](FakeSpotifyLibrary &library) {
            const FakeSpotifyPlaylist *p = library.playlist(playlist.id);
            if (p) {
                name = p->name;
                isPublic = p->isPublic;
                for (const FakeSpotifyPlaylistEntry &entry : p->entries) {
                    stored.append(QStringLiteral("spotify:track:") + entry.trackId);
                }
            }
        });
        QCOMPARE(name, QStringLiteral("TuneScout — For you now"));
        QVERIFY(!isPublic);
        QCOMPARE(stored, uris);
    }

    void aMissingScopeIsForbiddenAndAddsNothing()
    {
        m_spotify = std::make_unique<FakeSpotify>();
        QVERIFY(m_spotify->start());
        // Tokens without playlist-modify-*: the fake answers 403 as Spotify does.
        class ReadOnlyTokens : public engine::AccessTokenProvider
        {
        public:
            explicit ReadOnlyTokens(FakeSpotify &spotify)
                : m_token(
                    spotify.issueTokens(QStringLiteral("user-read-private user-library-read")).accessToken.toUtf8())
            {
            }
            QByteArray accessToken() const override
            {
                return m_token;
            }
            void refreshAccessToken(const QByteArray &, QObject *context, std::function<void(bool)> done) override
            {
                QMetaObject::invokeMethod(
                    context,
                    [done] {
                        done(false);
                    },
                    Qt::QueuedConnection);
            }

        private:
            QByteArray m_token;
        };
        ReadOnlyTokens tokens(*m_spotify);
        engine::SpotifyClient client(m_spotify->apiUrl(), &tokens, engine::SpotifyApiProfile::DevelopmentMode);
        const QStringList uris = trackUris(3);
        const auto created = await<engine::CreatedPlaylist>([&](auto done) {
            engine::createPlaylistWithItems(client, QStringLiteral("x"), {}, false, uris, this, done);
        });
        QVERIFY(created);
        QVERIFY(!*created);
        QCOMPARE(created->error().kind, SpotifyError::Kind::Forbidden);
        QCOMPARE(created->error().status, 403);
        QVERIFY(!created->error().message().isEmpty());
        QCOMPARE(m_spotify->requestCount("POST", QStringLiteral("^/v1/playlists/")), 0);
    }
};

QTEST_GUILESS_MAIN(TestLibraryWrites)
#include "tst_librarywrites.moc"
