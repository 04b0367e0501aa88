// Signing in and out through the real Main.qml, with the real backend objects, the real keyring and the fake
// Spotify: the test clicks the Home page's buttons as a person would, and plays the browser (the fake approves
// the authorization request at once and redirects to the app's loopback receiver).

#include "appbackend.h"
#include "tests/session/sessiontestsupport.h"
#include "tests/support/testenv.h"

#include <QAccessible>
#include <QNetworkProxy>
#include <QQuickItem>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <memory>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

using engine::SecretStore;

namespace
{

const QString refreshTokenKey = QStringLiteral("spotify-refresh-token"); // Session's default key

// The visible item the accessibility tree names `name` with `role`, or null.
QQuickItem *accessibleItem(QQuickWindow *window, QAccessible::Role role, const QString &name)
{
    QQuickItem *found = nullptr;
    qmltest::walkAccessibilityTree(window, [&](QAccessibleInterface *node) {
        if (node->role() == role && node->text(QAccessible::Name) == name) {
            auto *item = qobject_cast<QQuickItem *>(node->object());
            if (item && item->isVisible()) {
                found = item;
            }
        }
        return !found;
    });
    return found;
}

// A left click in the middle of the button named `name`; false when there is no such button on screen.
bool clickButton(QQuickWindow *window, const QString &name)
{
    QQuickItem *button = accessibleItem(window, QAccessible::Button, name);
    if (!button || !button->isEnabled()) {
        return false;
    }
    const QRectF shown = qmltest::scrollIntoView(button);
    const QPointF centre = button->mapToScene(QPointF(button->width() / 2, button->height() / 2));
    if (!shown.contains(centre)) {
        return false;
    }
    QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
    return true;
}

SecretStore::Answer readKeyring()
{
    engine::KeychainSecretStore keychain;
    return sessiontest::await([&keychain](SecretStore::Callback done) {
        keychain.read(refreshTokenKey, std::move(done));
    });
}

} // namespace

class TestQmlSignIn : public QObject
{
    Q_OBJECT

private:
    testsupport::FakeSpotify m_spotify;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_browser;
    std::unique_ptr<QNetworkReply> m_page;
    QList<QUrl> m_opened;
    std::unique_ptr<qmltest::AppBackend> m_app;
    CacheStatus *m_cache = nullptr;
    Account *m_account = nullptr;
    QQuickWindow *m_window = nullptr;

    QString dataDir() const
    {
        return m_dir.filePath(QStringLiteral("data"));
    }

    // What main() hands the app as its browser: here the browser opens the page a moment later, as a real
    // one would, so that the app is back in its event loop before the redirect arrives.
    bool openInBrowser(const QUrl &url)
    {
        m_opened.append(url);
        QTimer::singleShot(0, this, [this, url] {
            QNetworkRequest request(url);
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
            m_page.reset(m_browser.get(request));
        });
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        TUNESCOUT_REQUIRE_SERVICE(sessiontest::haveSessionBus(), "a D-Bus session with an unlocked keyring");
        QVERIFY(m_spotify.start());
        m_browser.setProxy(QNetworkProxy::NoProxy);
        // Nobody is signed in at start, whatever an earlier run left.
        engine::KeychainSecretStore keychain;
        const SecretStore::Answer removed = sessiontest::await([&keychain](SecretStore::Callback done) {
            keychain.remove(refreshTokenKey, std::move(done));
        });
        QVERIFY2(removed.status == SecretStore::Status::Ok || removed.status == SecretStore::Status::NotFound,
                 qPrintable(removed.message));

        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QAccessible::setActive(true);
        ClientConfig config =
            qmltest::AppBackend::config(dataDir(), m_dir.filePath(QStringLiteral("config/tunescout.ini")));
        config.spotify.accountsUrl = m_spotify.accountsUrl();
        config.spotify.apiUrl = m_spotify.apiUrl();
        config.spotifyClientId = QStringLiteral("tunescout-test-client");
        qmltest::AppBackend::Options options;
        options.openBrowser = [this](const QUrl &url) {
            return openInBrowser(url);
        };
        options.restoreSession = true;
        m_app = std::make_unique<qmltest::AppBackend>(config, options);
        m_cache = &m_app->cache();
        m_account = &m_app->account();
        m_window = m_app->loadMain();
        QVERIFY(m_window);
        QTRY_VERIFY(!m_cache->busy());
        QTRY_COMPARE(m_account->state(), Account::State::SignedOut);
    }

    void signsInFromTheHomePage()
    {
        QTRY_VERIFY(accessibleItem(m_window, QAccessible::StaticText, QStringLiteral("Not signed in to Spotify.")));
        QVERIFY(clickButton(m_window, QStringLiteral("Sign in with Spotify")));
        QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 5000);
        QCOMPARE(m_opened.constFirst().host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(m_opened.constFirst().path(), QStringLiteral("/authorize"));

        QTRY_COMPARE_WITH_TIMEOUT(m_account->state(), Account::State::SignedIn, sessiontest::AnswerTimeoutMs);
        QVERIFY(m_page && m_page->isFinished());
        QCOMPARE(m_page->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        // The account card says so, and offers to sign out.
        QTRY_VERIFY(accessibleItem(m_window, QAccessible::StaticText, QStringLiteral("Signed in to Spotify.")));
        QVERIFY(accessibleItem(m_window, QAccessible::Button, QStringLiteral("Sign out of Spotify")));
        QVERIFY(!accessibleItem(m_window, QAccessible::Button, QStringLiteral("Sign in with Spotify")));
    }

    void theSyncItStartsStoresTheSignedInUser()
    {
        // Signing in starts the sync; the card reports it when it is done.
        QTRY_VERIFY_WITH_TIMEOUT(m_account->syncStatus().startsWith(QStringLiteral("Last synced")), 60000);
        QString expected;
        m_spotify.withLibrary([&expected](testsupport::FakeSpotifyLibrary &library) {
            expected = library.me.displayName;
        });
        QVERIFY(!expected.isEmpty());
        auto cache = engine::SqliteDatabase::open(m_cache->databasePath(), engine::SqliteDatabase::Mode::ReadOnly);
        QVERIFY(cache);
        const auto stored = cache.value().scalar("SELECT display_name FROM users");
        QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().message));
        QCOMPARE(stored.value().toString(), expected);
        // The account card names whose account it is.
        QTRY_VERIFY(accessibleItem(m_window, QAccessible::StaticText, QStringLiteral("Account: %1").arg(expected)));
    }

    void theRefreshTokenIsInTheKeyringOnly()
    {
        const SecretStore::Answer stored = readKeyring();
        QCOMPARE(stored.status, SecretStore::Status::Ok);
        QVERIFY(m_spotify.issuedSecrets().contains(QString::fromUtf8(stored.secret)));
        // No secret of the sign-in, the stored refresh token included, in any file the app wrote.
        QByteArrayList secrets = sessiontest::signInSecrets(m_spotify);
        secrets.append(stored.secret);
        QVERIFY(QFileInfo::exists(m_cache->databasePath()));
        const QStringList leaks = sessiontest::filesContaining(m_dir.path(), secrets);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }

    void signsOutFromTheHomePage()
    {
        QVERIFY(clickButton(m_window, QStringLiteral("Sign out of Spotify")));
        QTRY_COMPARE(m_account->state(), Account::State::SignedOut);
        QTRY_VERIFY(accessibleItem(m_window, QAccessible::Button, QStringLiteral("Sign in with Spotify")));
        QTRY_COMPARE(readKeyring().status, SecretStore::Status::NotFound);
    }

    void cleanupTestCase()
    {
        m_app.reset();
        m_page.reset();
    }
};

QTEST_MAIN(TestQmlSignIn)
#include "tst_qmlsignin.moc"
