#pragma once

#include "app/backend/account.h"
#include "app/backend/appinfo.h"
#include "app/backend/cachestatus.h"
#include "app/backend/concerts.h"
#include "app/backend/coverartcache.h"
#include "app/backend/dashboard.h"
#include "app/backend/discover.h"
#include "app/backend/enrichment.h"
#include "app/backend/historyimport.h"
#include "app/backend/household.h"
#include "app/backend/hublink.h"
#include "app/backend/player.h"
#include "app/backend/syncstatus.h"
#include "app/core/clientconfig.h"
#include "engine/ingest/storethread.h"

#include <QAccessible>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRectF>
#include <QStringList>

#include <functional>
#include <memory>

namespace qmltest
{

// The backend objects the QML singletons hand out, made in the order app/gui/main.cpp makes them and wired the
// same way (followHistoryChanges), so that a test loads the real Main.qml (or one page) over the real backend.
class AppBackend
{
public:
    struct Options {
        QString initialPage; // empty: the app's default, Home
        engine::SignInFlow::BrowserOpener openBrowser; // empty: a browser that never opens
        bool restoreSession = false; // look for a stored sign-in in the keyring, as main() does
    };

    // The configuration main() would have loaded: the cache in `dataDir`, the settings file `settingsPath` and
    // Spotify's real endpoints (which nothing here calls unless a test signs in).
    static ClientConfig config(const QString &dataDir, const QString &settingsPath);

    explicit AppBackend(const ClientConfig &config, const Options &options);
    AppBackend(const ClientConfig &config);
    ~AppBackend();
    AppBackend(const AppBackend &) = delete;
    AppBackend &operator=(const AppBackend &) = delete;

    // Loads qrc:/qt/qml/TuneScout/Ui/Main.qml and waits until its window is exposed; null if it did not load.
    QQuickWindow *loadMain();

    AppInfo &appInfo()
    {
        return *m_appInfo;
    }
    engine::StoreThread &store()
    {
        return *m_store;
    }
    CacheStatus &cache()
    {
        return *m_cache;
    }
    Account &account()
    {
        return *m_account;
    }
    SyncStatus &syncStatus()
    {
        return *m_syncStatus;
    }
    HubLink &hubLink()
    {
        return *m_hubLink;
    }
    Dashboard &dashboard()
    {
        return *m_dashboard;
    }
    HistoryImport &historyImport()
    {
        return *m_historyImport;
    }
    // MusicBrainz's address comes from TUNESCOUT_MUSICBRAINZ_URL, as in main(): set it before making the backend.
    Enrichment &enrichment()
    {
        return *m_enrichment;
    }
    Player &player()
    {
        return *m_player;
    }
    Discover &discover()
    {
        return *m_discover;
    }
    Concerts &concerts()
    {
        return *m_concerts;
    }
    Household &household()
    {
        return *m_household;
    }
    CoverArtCache &covers()
    {
        return *m_covers;
    }

private:
    // In the order they are made: destroyed in reverse, the QML engine, which binds to all of them, first.
    std::unique_ptr<AppInfo> m_appInfo;
    std::unique_ptr<engine::StoreThread> m_store;
    std::unique_ptr<CacheStatus> m_cache;
    std::unique_ptr<Account> m_account;
    std::unique_ptr<SyncStatus> m_syncStatus;
    std::unique_ptr<HubLink> m_hubLink;
    std::unique_ptr<Dashboard> m_dashboard;
    std::unique_ptr<HistoryImport> m_historyImport;
    std::unique_ptr<Enrichment> m_enrichment;
    std::unique_ptr<Discover> m_discover;
    std::unique_ptr<Player> m_player;
    std::unique_ptr<Concerts> m_concerts;
    std::unique_ptr<Household> m_household;
    std::unique_ptr<CoverArtCache> m_covers;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
};

// Records every message above debug and info (QML warnings among them) while it lives, passing each on to the
// handler installed before; tests fail on any. One at a time.
class WarningRecorder
{
public:
    WarningRecorder();
    ~WarningRecorder();
    WarningRecorder(const WarningRecorder &) = delete;
    WarningRecorder &operator=(const WarningRecorder &) = delete;

    const QStringList &warnings() const
    {
        return m_warnings;
    }
    // One warning a line, for QVERIFY2.
    QString text() const;

private:
    static void record(QtMsgType type, const QMessageLogContext &context, const QString &message);

    QStringList m_warnings;
    QtMessageHandler m_previous = nullptr;
};

// Scrolls the Flickable (a ScrollView's too) that holds `item`, as a person would with the wheel, so that
// all of `item` is inside the Flickable's visible area; `margin` pixels more above it for context. Returns the
// part of the window where the Flickable shows its content (the whole window when nothing scrolls `item`).
QRectF scrollIntoView(QQuickItem *item, qreal margin = 0);

// A real click in the middle of `item` once it is visible and enabled, scrolled into view first as a person
// would (a control below the fold would otherwise take the click elsewhere, e.g. on the player bar). Records a
// test failure when it cannot (check QTest::currentTestFailed() when later steps depend on the click).
void click(QQuickItem *item);

// Visits `window`'s accessibility tree depth first until `visit` returns false.
void walkAccessibilityTree(QQuickWindow *window, const std::function<bool(QAccessibleInterface *)> &visit);

// What a person can operate in `window` (buttons, tabs, list items, fields, charts, tables …) as the accessibility
// tree shows it: how many such elements there are, and the ones without an accessible name ("role R at RECT").
struct AccessibleNames {
    int operable = 0;
    QStringList unnamed;
};
AccessibleNames checkAccessibleNames(QQuickWindow *window);

} // namespace qmltest
