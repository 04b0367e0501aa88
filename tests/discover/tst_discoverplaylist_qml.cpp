// Save as playlist from the Discover page, end to end: the app signs in to the fake Spotify (the test plays the
// browser), the sync fills the cache, Discover ranks what it learnt, and clicking a list's "Save as playlist"
// creates a private playlist holding that list's tracks in order — as the fake records it. A like goes to the
// Spotify library too. Signs out at the end, so no sign-in stays in the keyring.

#include "engine/spotify/secretstore.h"
#include "engine/spotify/session.h"
#include "tests/qml/appbackend.h"
#include "tests/support/spotify/fakespotify.h"

#include <QAccessible>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QQuickItem>
#include <QQuickStyle>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <memory>
#include <optional>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

class TestDiscoverPlaylistQml : public QObject
{
    Q_OBJECT

private:
    testsupport::FakeSpotify m_spotify;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_browser;
    std::unique_ptr<QNetworkReply> m_page;
    std::unique_ptr<qmltest::AppBackend> m_app;
    QQuickWindow *m_window = nullptr;

    // The browser opens the authorization page a moment later, as a real one would; the fake approves at once.
    bool openInBrowser(const QUrl &url)
    {
        QTimer::singleShot(0, this, [this, url] {
            QNetworkRequest request(url);
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
            m_page.reset(m_browser.get(request));
        });
        return true;
    }

    QQuickItem *find(const char *name, QObject *under = nullptr) const
    {
        return (under ? under : m_window)->findChild<QQuickItem *>(QString::fromLatin1(name));
    }

    static bool storedSignInIsGone()
    {
        engine::KeychainSecretStore keychain;
        std::optional<engine::SecretStore::Status> status;
        keychain.read(engine::Session::Options().secretKey, [&status](const engine::SecretStore::Answer &answer) {
            status = answer.status;
        });
        return QTest::qWaitFor(
                   [&status] {
                       return status.has_value();
                   },
                   5000)
            && *status == engine::SecretStore::Status::NotFound;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_spotify.start());
        m_browser.setProxy(QNetworkProxy::NoProxy);
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QAccessible::setActive(true);
        ClientConfig config = qmltest::AppBackend::config(m_dir.filePath(QStringLiteral("data")),
                                                          m_dir.filePath(QStringLiteral("config/tunescout.ini")));
        config.spotify.accountsUrl = m_spotify.accountsUrl();
        config.spotify.apiUrl = m_spotify.apiUrl();
        config.spotifyClientId = QStringLiteral("tunescout-test-client");
        qmltest::AppBackend::Options options;
        options.initialPage = QStringLiteral("discover");
        options.openBrowser = [this](const QUrl &url) {
            return openInBrowser(url);
        };
        m_app = std::make_unique<qmltest::AppBackend>(config, options);
        m_window = m_app->loadMain();
        QVERIFY(m_window);
        QTRY_VERIFY(!m_app->cache().busy());
        QTRY_COMPARE(m_app->account().state(), Account::State::SignedOut);
    }

    void savesAListAsAPlaylist()
    {
        Discover &discover = m_app->discover();
        // Nothing synced yet: the page says what to do.
        QTRY_COMPARE(discover.state(), Discover::State::Empty);

        QSignalSpy synced(&m_app->account(), &Account::synced);
        m_app->account().signIn();
        QTRY_COMPARE_WITH_TIMEOUT(m_app->account().state(), Account::State::SignedIn, 20'000);
        QVERIFY(synced.wait(60'000));
        // The finished sync ranks again.
        QTRY_COMPARE_WITH_TIMEOUT(discover.state(), Discover::State::Ready, 60'000);
        QTRY_VERIFY_WITH_TIMEOUT(!discover.busy(), 60'000);

        // The first non-empty list.
        const char *names[] = {"forYouNow", "rediscover", "deeperCuts"};
        DiscoverListModel *models[] = {discover.forYouNow(), discover.rediscover(), discover.deeperCuts()};
        int list = 0;
        while (list < 3 && models[list]->count() == 0) {
            ++list;
        }
        QVERIFY2(list < 3, "the synced cache gave no recommendation at all");
        QStringList expected;
        for (const DiscoverListModel::Entry &entry : models[list]->entries()) {
            expected.append(entry.uri);
        }

        QQuickItem *section = find(names[list]);
        QVERIFY(section);
        QQuickItem *save = find("saveAsPlaylistButton", section);
        QVERIFY(save);
        QTRY_VERIFY(save->isVisible() && save->isEnabled());
        const int playlistsBefore = m_spotify.requestCount("POST", QStringLiteral("^/v1/me/playlists$"));
        QSignalSpy answered(&discover, &Discover::spotifyAnswered);
        // The button's own signal, as a click emits it: the page has only just been laid out after the sync, and a
        // synthetic click could land before the button has its place.
        QVERIFY(QMetaObject::invokeMethod(save, "clicked"));
        QVERIFY2(answered.wait(20'000), qPrintable(discover.notice()));
        QVERIFY2(!discover.noticeIsError(), qPrintable(discover.notice()));
        QCOMPARE(m_spotify.requestCount("POST", QStringLiteral("^/v1/me/playlists$")), playlistsBefore + 1);

        // The fake holds the new playlist (the newest of mine) with the list's tracks, in order.
        QString name;
        bool isPublic = true;
        QStringList stored;
        m_spotify.withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            const testsupport::FakeSpotifyPlaylist *playlist = library.playlist(library.myPlaylistIds.constFirst());
            if (playlist) {
                name = playlist->name;
                isPublic = playlist->isPublic;
                for (const testsupport::FakeSpotifyPlaylistEntry &entry : playlist->entries) {
                    stored.append(QStringLiteral("spotify:track:") + entry.trackId);
                }
            }
        });
        QVERIFY2(name.startsWith(QStringLiteral("TuneScout — ")), qPrintable(name));
        QVERIFY(!isPublic);
        QCOMPARE(stored, expected);
        QVERIFY2(discover.notice().contains(name), qPrintable(discover.notice()));

        // A like is sent to the Spotify library as well.
        const QString liked = expected.constFirst();
        answered.clear();
        discover.like(liked);
        QVERIFY(answered.wait(20'000));
        QVERIFY2(!discover.noticeIsError(), qPrintable(discover.notice()));
        QCOMPARE(m_spotify.requestCount("PUT", QStringLiteral("^/v1/me/library$")), 1);
        bool saved = false;
        m_spotify.withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            for (const testsupport::FakeSpotifySavedItem &item : library.savedTracks) {
                saved = saved || QStringLiteral("spotify:track:") + item.id == liked;
            }
        });
        QVERIFY(saved);
    }

    void cleanupTestCase()
    {
        if (m_app && m_app->account().canSignOut()) {
            m_app->account().signOut();
            QTRY_COMPARE(m_app->account().state(), Account::State::SignedOut);
        }
        // The state changes at once; the keyring deletes the stored sign-in a little later. The CLI tests that
        // run after this one expect an empty keyring, so wait for it rather than end the event loop first.
        QTRY_VERIFY_WITH_TIMEOUT(storedSignInIsGone(), 10000);
        m_app.reset();
    }
};

QTEST_MAIN(TestDiscoverPlaylistQml)
#include "tst_discoverplaylist_qml.moc"
