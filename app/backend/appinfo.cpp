#include "appinfo.h"

#include "app/core/setupguide.h"
#include "tunescoutversion.h"

#include <QJSEngine>

namespace
{
AppInfo *s_instance = nullptr;
}

AppInfo::AppInfo(ClientConfig config, QString configurationError, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_configurationError(std::move(configurationError))
{
    Q_ASSERT(!s_instance);
    s_instance = this;
}

AppInfo::~AppInfo()
{
    s_instance = nullptr;
}

AppInfo *AppInfo::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "AppInfo::create", "main() creates AppInfo before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

QString AppInfo::version() const
{
    return QStringLiteral(TUNESCOUT_VERSION);
}

QString AppInfo::dataDir() const
{
    return m_config.dataDir;
}

QString AppInfo::settingsPath() const
{
    return m_config.settingsPath;
}

QString AppInfo::spotifyAccountsUrl() const
{
    return m_config.spotify.accountsUrl.toString();
}

QString AppInfo::spotifyApiUrl() const
{
    return m_config.spotify.apiUrl.toString();
}

QString AppInfo::spotifyClientId() const
{
    return m_config.spotifyClientId;
}

bool AppInfo::spotifyClientIdConfigured() const
{
    return !m_config.spotifyClientId.isEmpty();
}

QString AppInfo::initialPage() const
{
    return m_initialPage;
}

QString AppInfo::initialSection() const
{
    return m_initialSection;
}

void AppInfo::setInitialPage(const QString &pageId)
{
    m_initialPage = pageId.section(QLatin1Char('/'), 0, 0);
    m_initialSection = pageId.section(QLatin1Char('/'), 1);
}

bool AppInfo::spotifyClientIdFromEnvironment() const
{
    return m_config.spotifyClientIdSource == QLatin1String("TUNESCOUT_SPOTIFY_CLIENT_ID");
}

QString AppInfo::clientIdError() const
{
    return m_clientIdError;
}

QString AppInfo::redirectUri() const
{
    return QString::fromLatin1(setupguide::RedirectUri);
}

bool AppInfo::saveSpotifyClientId(const QString &clientId)
{
    QSettings settings(m_config.settingsPath, QSettings::IniFormat);
    const auto saved = ClientConfig::saveClientId(settings, clientId);
    if (!saved) {
        setClientIdError(saved.error().message);
        return false;
    }
    setClientIdError({});
    if (!spotifyClientIdFromEnvironment() && saved.value() != m_config.spotifyClientId) {
        m_config.spotifyClientId = saved.value();
        m_config.spotifyClientIdSource = m_config.settingsPath;
        Q_EMIT spotifyClientIdChanged();
    }
    return true;
}

void AppInfo::setClientIdError(const QString &error)
{
    if (error != m_clientIdError) {
        m_clientIdError = error;
        Q_EMIT clientIdErrorChanged();
    }
}

QString AppInfo::hubUrl() const
{
    return m_config.hubUrl.toString();
}

QString AppInfo::configurationError() const
{
    return m_configurationError;
}
