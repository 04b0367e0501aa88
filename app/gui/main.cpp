// tunescout: the desktop app.

#include "app/backend/account.h"
#include "app/backend/appinfo.h"
#include "app/backend/cachestatus.h"
#include "app/backend/concerts.h"
#include "app/backend/coverartcache.h"
#include "app/backend/dashboard.h"
#include "app/backend/discover.h"
#include "app/backend/enrichment.h"
#include "app/backend/historyimport.h"
#include "app/backend/historyrefresh.h"
#include "app/backend/household.h"
#include "app/backend/hublink.h"
#include "app/backend/mpris.h"
#include "app/backend/player.h"
#include "app/backend/syncstatus.h"
#include "app/core/singleinstance.h"
#include "translations/translator.h"
#include "tunescoutversion.h"

#include <QCommandLineParser>
#include <QDesktopServices>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QIcon>
#include <QLoggingCategory>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTextStream>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(TuneScout_BackendPlugin)
Q_IMPORT_QML_PLUGIN(TuneScout_UiPlugin)

Q_LOGGING_CATEGORY(lcStartup, "tunescout.app.startup")

namespace
{

// Saves the first fully drawn frame of the window to `path`, then quits: used by the tests and to make the
// pictures in the docs. A frame counts once the cache is open, the dashboards show their figures, no concert
// search runs, a remembered sign-in has been looked for and, when signed in, Spotify has answered the player's
// first question.
void screenshotAndQuit(QQuickWindow *window,
                       const QString &path,
                       CacheStatus *cache,
                       Dashboard *dashboard,
                       Discover *discover,
                       Concerts *concerts,
                       Household *household,
                       Account *account,
                       Player *player)
{
    auto taken = std::make_shared<bool>(false);
    // Armed once signed in; set by the first state or error Player reports after that.
    auto playerAsked = std::make_shared<bool>(false);
    auto playerAnswered = std::make_shared<bool>(false);
    auto take = [window, path, cache, dashboard, discover, concerts, household, account, taken, playerAnswered] {
        const Account::State state = account->state();
        const bool accountSettled = state != Account::State::Restoring && state != Account::State::SigningIn
            && (state != Account::State::SignedIn || *playerAnswered);
        if (*taken || cache->busy() || dashboard->busy() || dashboard->state() == Dashboard::State::Loading
            || discover->busy() || concerts->state() == Concerts::State::Loading
            || household->state() == Household::State::Loading || !accountSettled) {
            return;
        }
        *taken = true;
        // One more frame so that what the cache reported is on screen.
        QTimer::singleShot(200, window, [window, path] {
            const bool saved = window->grabWindow().save(path);
            if (!saved) {
                QTextStream(stderr) << "tunescout: could not write the screenshot " << path << '\n';
            }
            QCoreApplication::exit(saved ? 0 : 1);
        });
    };
    QObject::connect(window, &QQuickWindow::frameSwapped, window, take);
    QObject::connect(cache, &CacheStatus::changed, window, take);
    QObject::connect(dashboard, &Dashboard::busyChanged, window, take);
    QObject::connect(discover, &Discover::busyChanged, window, take);
    QObject::connect(concerts, &Concerts::stateChanged, window, take);
    QObject::connect(household, &Household::changed, window, take);
    QObject::connect(account, &Account::changed, window, [account, playerAsked, take] {
        *playerAsked = *playerAsked || account->state() == Account::State::SignedIn;
        take();
    });
    const auto answered = [playerAsked, playerAnswered, take] {
        *playerAnswered = *playerAnswered || *playerAsked;
        take();
    };
    QObject::connect(player, &Player::stateChanged, window, answered);
    QObject::connect(player, &Player::errorChanged, window, answered);
}

// The startup bench (tests/bench/firstframe) reads these lines: QT_LOGGING_RULES="tunescout.app.startup.info=true".
void logFirstFrame(QQuickWindow *window, const QElapsedTimer &sinceStart)
{
    auto logged = std::make_shared<bool>(false);
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [logged, &sinceStart] {
        if (!*logged) {
            *logged = true;
            qCInfo(lcStartup) << "first frame after" << sinceStart.elapsed() << "ms";
        }
    });
}

// The system browser, or the one $BROWSER names.
bool openInBrowser(const QUrl &url)
{
    const QString browser = qEnvironmentVariable("BROWSER");
    if (!browser.isEmpty()) {
        return QProcess::startDetached(browser, {url.toString(QUrl::FullyEncoded)});
    }
    return QDesktopServices::openUrl(url);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("TuneScout"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUNESCOUT_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral(TUNESCOUT_APP_ID));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/tunescout/icons/tunescout.svg")));
    QQuickStyle::setStyle(QStringLiteral("Basic"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TuneScout: music discovery from your own listening."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Keep the cache in <dir> (default: TUNESCOUT_DATA_DIR, else the "
                                                    "per-user data folder)."),
                                     QStringLiteral("dir"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Save the first complete frame of the window to <png> and quit."),
        QStringLiteral("png"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("Open on <page>: home, dashboards, player, discover, household, "
                                                 "concerts, settings or import."),
                                  QStringLiteral("page"),
                                  QStringLiteral("home"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QStringLiteral("Show the UI in <language> (de, en; default: TUNESCOUT_LANG, else "
                                                 "the system's language)."),
                                  QStringLiteral("language"));
    parser.addOption(dataDir);
    parser.addOption(screenshot);
    parser.addOption(page);
    parser.addOption(lang);
    parser.process(app);

    // Before anything builds a user-visible string.
    const InstalledLanguage language =
        installTranslations(app, chooseLanguage(parser.value(lang), qEnvironmentVariable("TUNESCOUT_LANG")));
    if (!language.error.isEmpty()) {
        QTextStream(stderr) << "tunescout: " << language.error << '\n';
    }

    QSettings settings(clientSettingsPath(), QSettings::IniFormat);
    auto loaded = ClientConfig::load(parser.value(dataDir), QProcessEnvironment::systemEnvironment(), settings);
    ClientConfig config;
    QString configurationError;
    if (loaded) {
        config = std::move(loaded).value();
    } else {
        // Start anyway with the defaults, and say what is wrong: a typo in a setting must not hide the app.
        configurationError = loaded.error().message;
        config.dataDir = engine::resolveDataDir(parser.value(dataDir));
        config.spotify = engine::SpotifyEndpoints::defaults();
        config.settingsPath = settings.fileName();
    }

    // Before the cache is touched: a second window on the same folder would be a second writer.
    SingleInstance instance(config.dataDir);
    const SingleInstance::Claim claim = instance.claim();
    if (claim != SingleInstance::Claim::Primary) {
        QTextStream(stderr) << "tunescout: " << instance.message() << '\n';
    }
    if (claim == SingleInstance::Claim::Activated) {
        return 0;
    }
    if (claim == SingleInstance::Claim::Blocked) {
        return 1;
    }

    AppInfo appInfo(config, configurationError);
    appInfo.setInitialPage(parser.value(page));
    engine::StoreThread store;
    CacheStatus cache(&store, config.dataDir);
    cache.open();
    Account account(config, &store, openInBrowser);
    QObject::connect(&appInfo, &AppInfo::spotifyClientIdChanged, &account, [&] {
        account.setClientId(appInfo.spotifyClientId());
    });
    SyncStatus syncStatus(&account, &store, !config.hubUrl.isEmpty());
    HubLink hubLink(&store, &account);
    QObject::connect(&hubLink, &HubLink::uploaded, &syncStatus, &SyncStatus::refresh);
    QObject::connect(&hubLink, &HubLink::changed, &syncStatus, [&] {
        syncStatus.setHubConfigured(hubLink.isPaired() || !config.hubUrl.isEmpty());
    });
    account.restore();
    Dashboard dashboard(&store);
    QObject::connect(&dashboard, &Dashboard::figuresShown, &dashboard, [&sinceStart] {
        qCInfo(lcStartup) << "dashboards shown after" << sinceStart.elapsed() << "ms";
    });
    HistoryImport historyImport(&store);
    historyImport.refreshKnownPlays();
    Discover discover(&store, &account);
    discover.setHubLink(&hubLink);
    followHistoryChanges(account, historyImport, dashboard, syncStatus, discover);
    // Opt-in: the genre lookup sends ISRCs to MusicBrainz only when the user starts it.
    Enrichment enrichment(&store,
                          engine::MusicBrainzEndpoint::fromEnvironment(QProcessEnvironment::systemEnvironment()));
    followTagChanges(account, historyImport, enrichment, dashboard);
    Player player(&store, &account);
    // A like or a hide from the player bar changes what Discover shows: it ranks again (when it has been shown).
    QObject::connect(&player, &Player::feedbackRecorded, &discover, [&discover](const QString &kind) {
        if (kind != QLatin1String("skip") && kind != QLatin1String("full_play")) {
            discover.historyChanged();
        }
    });
    Concerts concerts(&store, config, &hubLink);
    Household household(&hubLink, &store);
    CoverArtCache covers(CoverArtCache::directoryIn(config.dataDir));

    QQmlApplicationEngine engine;
    engine.setNetworkAccessManagerFactory(&covers);
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QObject::connect(
        &engine,
        &QQmlApplicationEngine::objectCreationFailed,
        &app,
        [] {
            QCoreApplication::exit(1);
        },
        Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/TuneScout/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        return 1;
    }
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    logFirstFrame(window, sinceStart);
    // Media keys, the desktop's media controls and playerctl (MPRIS2 on the session bus, when there is one).
    const auto bringToFront = [window] {
        window->show();
        window->raise();
        window->requestActivate();
    };
    Mpris mpris(&player);
    QObject::connect(&mpris, &Mpris::raiseRequested, window, bringToFront);
    QObject::connect(&instance, &SingleInstance::activationRequested, window, bringToFront);
    if (parser.isSet(screenshot)) {
        screenshotAndQuit(window,
                          parser.value(screenshot),
                          &cache,
                          &dashboard,
                          &discover,
                          &concerts,
                          &household,
                          &account,
                          &player);
    }
    return app.exec();
}
