// Loads the real Main.qml offscreen with the real backend objects: no QML warning may appear, every page
// opens from the keyboard, and everything a person can operate has an accessible name.

#include "appbackend.h"
#include "engine/store/syncstaterepository.h"

#include <QAccessible>
#include <QQuickStyle>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <memory>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

class TestQmlSmoke : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<qmltest::WarningRecorder> m_warnings;
    QTemporaryDir m_dataDir;
    std::unique_ptr<qmltest::AppBackend> m_app;
    AppInfo *m_appInfo = nullptr;
    engine::StoreThread *m_store = nullptr;
    CacheStatus *m_cache = nullptr;
    Account *m_account = nullptr;
    SyncStatus *m_syncStatus = nullptr;
    QQuickWindow *m_window = nullptr;

    QObject *pageStack() const
    {
        return m_window->findChild<QObject *>(QStringLiteral("pageStack"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_warnings = std::make_unique<qmltest::WarningRecorder>();
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QAccessible::setActive(true);
        // Times on screen follow the locale: the checks below are written for the C locale's.
        QLocale::setDefault(QLocale::c());

        m_app = std::make_unique<qmltest::AppBackend>(
            qmltest::AppBackend::config(m_dataDir.path(), m_dataDir.filePath(QStringLiteral("tunescout.ini"))));
        m_appInfo = &m_app->appInfo();
        m_store = &m_app->store();
        m_cache = &m_app->cache();
        m_account = &m_app->account();
        m_syncStatus = &m_app->syncStatus();
        m_window = m_app->loadMain();
        QVERIFY(m_window);
        QTRY_VERIFY(!m_cache->busy());
    }

    void theAccountAsksForSetupFirst()
    {
        QCOMPARE(m_account->state(), Account::State::NotConfigured);
        QVERIFY(!m_account->canSignIn());
    }

    void theCacheOpened()
    {
        QCOMPARE(m_cache->state(), CacheStatus::State::Ready);
        QVERIFY(m_cache->databasePath().startsWith(m_dataDir.path()));
        QVERIFY(!m_cache->needsAttention());
    }

    void everyPageOpensFromTheKeyboard()
    {
        QObject *stack = pageStack();
        QVERIFY(stack);
        const int pages = stack->property("count").toInt();
        QCOMPARE(pages, 8);
        for (int page = pages; page >= 1; --page) {
            QTest::keyClick(m_window, Qt::Key(Qt::Key_0 + page), Qt::ControlModifier);
            QTRY_COMPARE(stack->property("currentIndex").toInt(), page - 1);
        }
        // The page list has the focus at start: the arrow keys walk through the pages.
        QTest::keyClick(m_window, Qt::Key_Down);
        QTRY_COMPARE(stack->property("currentIndex").toInt(), 1);
        QTest::keyClick(m_window, Qt::Key_Up);
        QTRY_COMPARE(stack->property("currentIndex").toInt(), 0);
    }

    void theSpotifyClientIdIsSavedFromSettings()
    {
        QTest::keyClick(m_window, Qt::Key_7, Qt::ControlModifier);
        QObject *field = m_window->findChild<QObject *>(QStringLiteral("clientIdField"));
        QVERIFY(field);
        QSignalSpy changed(m_appInfo, &AppInfo::spotifyClientIdChanged);

        field->setProperty("text", QStringLiteral("not a client id"));
        QMetaObject::invokeMethod(field, "accepted");
        QVERIFY(!m_appInfo->clientIdError().isEmpty());
        QCOMPARE(changed.size(), 0);

        field->setProperty("text", QStringLiteral("0123456789abcdef0123456789abcdef"));
        QMetaObject::invokeMethod(field, "accepted");
        QTRY_COMPARE(changed.size(), 1);
        QVERIFY(m_appInfo->clientIdError().isEmpty());
        QVERIFY(m_appInfo->spotifyClientIdConfigured());
        const QSettings settings(m_appInfo->settingsPath(), QSettings::IniFormat);
        QCOMPARE(settings.value(QStringLiteral("spotify/client_id")).toString(),
                 QStringLiteral("0123456789abcdef0123456789abcdef"));
        QTest::keyClick(m_window, Qt::Key_1, Qt::ControlModifier);
    }

    void theBannerSaysTimesForAPerson_data()
    {
        QTest::addColumn<QDateTime>("then");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QString>("moment");
        const QDateTime now(QDate(2026, 5, 14), QTime(18, 30, 12));
        QTest::addRow("today") << QDateTime(QDate(2026, 5, 14), QTime(14, 2, 59)) << now
                               << QStringLiteral("today 14:02");
        QTest::addRow("yesterday") << QDateTime(QDate(2026, 5, 13), QTime(23, 59)) << now
                                   << QStringLiteral("yesterday 23:59");
        QTest::addRow("days-ago") << QDateTime(QDate(2026, 5, 11), QTime(9, 0)) << now << QStringLiteral("3 days ago");
        QTest::addRow("weeks-ago") << QDateTime(QDate(2026, 4, 1), QTime(9, 0)) << now
                                   << QLocale::c().toString(QDate(2026, 4, 1), QLocale::ShortFormat);
    }

    void theBannerSaysTimesForAPerson()
    {
        QFETCH(QDateTime, then);
        QFETCH(QDateTime, now);
        QFETCH(QString, moment);
        QCOMPARE(SyncStatus::momentPhrase(then, now), moment);
    }

    void dataAgesAreSaidForAPerson()
    {
        QCOMPARE(SyncStatus::agePhrase(59'999), QStringLiteral("just now"));
        QCOMPARE(SyncStatus::agePhrase(60'000), QStringLiteral("1 minute ago"));
        QCOMPARE(SyncStatus::agePhrase(5 * 60'000 + 10), QStringLiteral("5 minutes ago"));
        QCOMPARE(SyncStatus::agePhrase(2 * 3'600'000), QStringLiteral("2 hours ago"));
        QCOMPARE(SyncStatus::agePhrase(3 * 86'400'000 + 5), QStringLiteral("3 days ago"));
    }

    void theOfflineBannerSaysSinceWhenTheDataDates()
    {
        QObject *banner = m_window->findChild<QObject *>(QStringLiteral("offlineBanner"));
        QVERIFY(banner);
        engine::Connectivity *connectivity = m_account->connectivity();
        // Online whatever this machine's network information says: an answer from Spotify proves it.
        connectivity->recordAnswer();
        QTRY_VERIFY(!banner->property("visible").toBool());

        // A sync succeeded a while ago: that is the time the banner names.
        const qint64 syncedAt = QDateTime::currentMSecsSinceEpoch();
        bool recorded = false;
        m_store->post(
            [syncedAt](engine::Store &store) -> engine::Result<bool> {
                auto states = engine::SyncStateRepository::create(store.database());
                if (!states) {
                    return states.error();
                }
                if (auto stored = states.value().recordSuccess(QStringLiteral("recently_played"), syncedAt); !stored) {
                    return stored.error();
                }
                return true;
            },
            this,
            [&recorded](const engine::Result<bool> &answer) {
                recorded = bool(answer);
            });
        QTRY_VERIFY(recorded);
        QSignalSpy refreshed(m_syncStatus, &SyncStatus::changed);
        m_syncStatus->refresh();
        QVERIFY(refreshed.wait());

        // What the Spotify client reports when its requests get no answer, three times in a row.
        for (int i = 0; i < engine::Connectivity::FailuresBeforeOffline; ++i) {
            QVERIFY(connectivity->isOnline());
            connectivity->recordNetworkFailure();
        }
        QVERIFY(!connectivity->isOnline());
        QTRY_VERIFY(banner->property("visible").toBool());
        const QDateTime synced = QDateTime::fromMSecsSinceEpoch(syncedAt);
        // Past midnight the same time is yesterday's.
        const QString day =
            synced.date() == QDate::currentDate() ? QStringLiteral("today") : QStringLiteral("yesterday");
        const QString expected = QStringLiteral("Offline \u2014 showing data from %1 %2")
                                     .arg(day, synced.time().toString(QStringLiteral("HH:mm")));
        QCOMPARE(banner->property("title").toString(), expected);
        QVERIFY(banner->property("detail").toString().contains(QStringLiteral("Spotify cannot be reached")));
        QVERIFY(m_syncStatus->dataAge().startsWith(QStringLiteral("Updated ")));

        connectivity->recordAnswer();
        QTRY_VERIFY(!banner->property("visible").toBool());
    }

    void theMissingPlaysNoticeCanBeDismissed()
    {
        QObject *banner = m_window->findChild<QObject *>(QStringLiteral("gapBanner"));
        QVERIFY(banner);
        QVERIFY(!banner->property("visible").toBool());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        bool recorded = false;
        m_store->post(
            [now](engine::Store &store) -> engine::Result<bool> {
                auto states = engine::SyncStateRepository::create(store.database());
                if (!states) {
                    return states.error();
                }
                if (auto stored = states.value().recordGap(now - 3'600'000, now - 600'000); !stored) {
                    return stored.error();
                }
                return true;
            },
            this,
            [&recorded](const engine::Result<bool> &answer) {
                recorded = bool(answer);
            });
        QTRY_VERIFY(recorded);
        m_syncStatus->refresh();
        QTRY_VERIFY(banner->property("visible").toBool());
        QVERIFY(banner->property("detail").toString().contains(
            QStringLiteral("may be missing: more than 50 were played between two checks")));

        QMetaObject::invokeMethod(banner, "dismissed");
        QTRY_VERIFY(!banner->property("visible").toBool());
        // Remembered in the cache: reading it again keeps the notice away.
        QSignalSpy refreshed(m_syncStatus, &SyncStatus::changed);
        m_syncStatus->refresh();
        QVERIFY(refreshed.wait());
        QVERIFY(m_syncStatus->gapNotice().isEmpty());
        QVERIFY(!banner->property("visible").toBool());
    }

    void everyControlHasAnAccessibleName()
    {
        const qmltest::AccessibleNames names = qmltest::checkAccessibleNames(m_window);
        QVERIFY2(names.operable >= 8,
                 qPrintable(QStringLiteral("only %1 operable elements found").arg(names.operable)));
        QVERIFY2(names.unnamed.isEmpty(), qPrintable(names.unnamed.join(QStringLiteral("; "))));
    }

    void noWarnings()
    {
        QVERIFY2(m_warnings->warnings().isEmpty(), qPrintable(m_warnings->text()));
    }

    void cleanupTestCase()
    {
        m_app.reset();
        m_warnings.reset();
    }
};

QTEST_MAIN(TestQmlSmoke)
#include "tst_qmlsmoke.moc"
