#include "appbackend.h"

#include "app/backend/historyrefresh.h"

#include <QTest>

namespace qmltest
{

ClientConfig AppBackend::config(const QString &dataDir, const QString &settingsPath)
{
    ClientConfig config;
    config.dataDir = dataDir;
    config.spotify = engine::SpotifyEndpoints::defaults();
    config.settingsPath = settingsPath;
    return config;
}

AppBackend::AppBackend(const ClientConfig &config)
    : AppBackend(config, Options{})
{
}

AppBackend::AppBackend(const ClientConfig &config, const Options &options)
{
    m_appInfo = std::make_unique<AppInfo>(config, QString());
    if (!options.initialPage.isEmpty()) {
        m_appInfo->setInitialPage(options.initialPage);
    }
    m_store = std::make_unique<engine::StoreThread>();
    m_cache = std::make_unique<CacheStatus>(m_store.get(), config.dataDir);
    m_cache->open();
    engine::SignInFlow::BrowserOpener openBrowser = options.openBrowser;
    if (!openBrowser) {
        openBrowser = [](const QUrl &) {
            return false;
        };
    }
    m_account = std::make_unique<Account>(config, m_store.get(), std::move(openBrowser));
    m_syncStatus = std::make_unique<SyncStatus>(m_account.get(), m_store.get(), !config.hubUrl.isEmpty());
    if (options.restoreSession) {
        m_account->restore();
    }
    m_dashboard = std::make_unique<Dashboard>(m_store.get());
    m_historyImport = std::make_unique<HistoryImport>(m_store.get());
    m_historyImport->refreshKnownPlays();
    m_discover = std::make_unique<Discover>(m_store.get(), m_account.get());
    followHistoryChanges(*m_account, *m_historyImport, *m_dashboard, *m_syncStatus, *m_discover);
}

AppBackend::~AppBackend() = default;

QQuickWindow *AppBackend::loadMain()
{
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    m_engine->load(QUrl(QStringLiteral("qrc:/qt/qml/TuneScout/Ui/Main.qml")));
    if (m_engine->rootObjects().size() != 1) {
        return nullptr;
    }
    auto *window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
    if (!window || !QTest::qWaitForWindowExposed(window)) {
        return nullptr;
    }
    return window;
}

} // namespace qmltest
