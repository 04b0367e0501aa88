#include "appbackend.h"

#include "app/backend/historyrefresh.h"

#include <QDebug>
#include <QQuickItem>
#include <QTest>
#include <QtQuickTest/quicktest.h>

#include <algorithm>

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
    m_hubLink = std::make_unique<HubLink>(m_store.get(), m_account.get());
    QObject::connect(m_hubLink.get(), &HubLink::uploaded, m_syncStatus.get(), &SyncStatus::refresh);
    QObject::connect(m_hubLink.get(),
                     &HubLink::changed,
                     m_syncStatus.get(),
                     [this, configured = !config.hubUrl.isEmpty()] {
                         m_syncStatus->setHubConfigured(m_hubLink->isPaired() || configured);
                     });
    if (options.restoreSession) {
        m_account->restore();
    }
    m_dashboard = std::make_unique<Dashboard>(m_store.get());
    m_historyImport = std::make_unique<HistoryImport>(m_store.get());
    m_historyImport->refreshKnownPlays();
    m_discover = std::make_unique<Discover>(m_store.get(), m_account.get());
    m_discover->setHubLink(m_hubLink.get());
    followHistoryChanges(*m_account, *m_historyImport, *m_dashboard, *m_syncStatus, *m_discover);
    m_enrichment = std::make_unique<Enrichment>(
        m_store.get(),
        engine::MusicBrainzEndpoint::fromEnvironment(QProcessEnvironment::systemEnvironment()));
    followTagChanges(*m_account, *m_historyImport, *m_enrichment, *m_dashboard);
    m_player = std::make_unique<Player>(m_store.get(), m_account.get());
    m_concerts = std::make_unique<Concerts>(m_store.get(), config, m_hubLink.get());
    m_household = std::make_unique<Household>(m_hubLink.get(), m_store.get());
    m_covers = std::make_unique<CoverArtCache>(CoverArtCache::directoryIn(config.dataDir));
}

AppBackend::~AppBackend() = default;

QQuickWindow *AppBackend::loadMain()
{
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->setNetworkAccessManagerFactory(m_covers.get());
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

namespace
{

WarningRecorder *s_recorder = nullptr;

} // namespace

WarningRecorder::WarningRecorder()
{
    Q_ASSERT(!s_recorder);
    s_recorder = this;
    m_previous = qInstallMessageHandler(record);
}

WarningRecorder::~WarningRecorder()
{
    qInstallMessageHandler(m_previous);
    s_recorder = nullptr;
}

QString WarningRecorder::text() const
{
    return m_warnings.join(QLatin1Char('\n'));
}

void WarningRecorder::record(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg) {
        s_recorder->m_warnings.append(message);
    }
    s_recorder->m_previous(type, context, message);
}

void walkAccessibilityTree(QQuickWindow *window, const std::function<bool(QAccessibleInterface *)> &visit)
{
    QList<QAccessibleInterface *> pending{QAccessible::queryAccessibleInterface(window)};
    while (!pending.isEmpty()) {
        QAccessibleInterface *node = pending.takeLast();
        if (!node) {
            continue;
        }
        if (!visit(node)) {
            return;
        }
        for (int i = 0; i < node->childCount(); ++i) {
            pending.append(node->child(i));
        }
    }
}

AccessibleNames checkAccessibleNames(QQuickWindow *window)
{
    static const QSet<QAccessible::Role> operable{QAccessible::Button,
                                                  QAccessible::PageTab,
                                                  QAccessible::PageTabList,
                                                  QAccessible::ListItem,
                                                  QAccessible::CheckBox,
                                                  QAccessible::RadioButton,
                                                  QAccessible::ComboBox,
                                                  QAccessible::EditableText,
                                                  QAccessible::Slider,
                                                  QAccessible::SpinBox,
                                                  QAccessible::Link,
                                                  QAccessible::Chart,
                                                  QAccessible::Table,
                                                  QAccessible::List};
    AccessibleNames names;
    walkAccessibilityTree(window, [&names](QAccessibleInterface *node) {
        if (operable.contains(node->role())) {
            ++names.operable;
            if (node->text(QAccessible::Name).trimmed().isEmpty()) {
                names.unnamed.append(
                    QStringLiteral("role %1 at %2").arg(int(node->role())).arg(QDebug::toString(node->rect())));
            }
        }
        return true;
    });
    return names;
}

QRectF scrollIntoView(QQuickItem *item, qreal margin)
{
    QQuickItem *flickable = item->parentItem();
    while (flickable && !flickable->inherits("QQuickFlickable"))
        flickable = flickable->parentItem();
    if (!flickable)
        return QRectF(QPointF(0, 0), item->window()->size());
    const auto *content = flickable->property("contentItem").value<QQuickItem *>();
    const qreal top = item->mapToItem(content, QPointF(0, 0)).y();
    const qreal maxY = std::max(0.0, flickable->property("contentHeight").toReal() - flickable->height());
    const qreal contentY = flickable->property("contentY").toReal();
    if (top - margin < contentY || top + item->height() > contentY + flickable->height())
        flickable->setProperty("contentY", std::clamp(top - margin, 0.0, maxY));
    return flickable->mapRectToScene(QRectF(0, 0, flickable->width(), flickable->height()));
}

void click(QQuickItem *item)
{
    QVERIFY(item);
    QTRY_VERIFY(item->isVisible() && item->isEnabled());
    // Layouts place items when the window polishes them: a change that has not been laid out yet (a popup that
    // grows and moves as rows arrive) would send the click where the item is about to stop being.
    QVERIFY(QQuickTest::qWaitForPolish(item->window()));
    const QRectF shown = scrollIntoView(item);
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QVERIFY2(shown.contains(centre), qPrintable(QStringLiteral("%1 is off screen").arg(item->objectName())));
    QTest::mouseClick(item->window(), Qt::LeftButton, Qt::NoModifier, centre.toPoint());
}

} // namespace qmltest
