#pragma once

#include "app/core/clientconfig.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;

// The build and the configuration the app runs with, for the Settings and About views.
class AppInfo : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString dataDir READ dataDir CONSTANT)
    Q_PROPERTY(QString settingsPath READ settingsPath CONSTANT)
    Q_PROPERTY(QString spotifyAccountsUrl READ spotifyAccountsUrl CONSTANT)
    Q_PROPERTY(QString spotifyApiUrl READ spotifyApiUrl CONSTANT)
    Q_PROPERTY(QString spotifyClientId READ spotifyClientId NOTIFY spotifyClientIdChanged)
    Q_PROPERTY(bool spotifyClientIdConfigured READ spotifyClientIdConfigured NOTIFY spotifyClientIdChanged)
    Q_PROPERTY(bool spotifyClientIdFromEnvironment READ spotifyClientIdFromEnvironment NOTIFY spotifyClientIdChanged)
    Q_PROPERTY(QString clientIdError READ clientIdError NOTIFY clientIdErrorChanged)
    Q_PROPERTY(QString redirectUri READ redirectUri CONSTANT)
    Q_PROPERTY(QString hubUrl READ hubUrl CONSTANT)
    Q_PROPERTY(QString configurationError READ configurationError CONSTANT)
    Q_PROPERTY(QString initialPage READ initialPage CONSTANT)
    Q_PROPERTY(QString initialSection READ initialSection CONSTANT)

public:
    // configurationError is empty when the configuration loaded; config then holds it.
    AppInfo(ClientConfig config, QString configurationError, QObject *parent = nullptr);
    ~AppInfo() override;

    // QML gets the instance main() made; there is exactly one per process.
    static AppInfo *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    QString version() const;
    QString dataDir() const;
    QString settingsPath() const;
    QString spotifyAccountsUrl() const;
    QString spotifyApiUrl() const;
    QString spotifyClientId() const;
    bool spotifyClientIdConfigured() const;
    bool spotifyClientIdFromEnvironment() const;
    QString clientIdError() const;
    QString redirectUri() const;
    QString hubUrl() const;
    QString configurationError() const;
    // The page the window opens on (a NavigationModel page id; --page on the command line).
    QString initialPage() const;
    // The part of the page to show first: "dashboards/clock" opens the Dashboards page on its clock.
    QString initialSection() const;
    // A page id, optionally followed by "/" and a section of that page.
    void setInitialPage(const QString &pageId);

    // Checks and saves the Client ID of the user's own Spotify app to the settings file. On failure
    // clientIdError says why and nothing is saved.
    Q_INVOKABLE bool saveSpotifyClientId(const QString &clientId);

Q_SIGNALS:
    void spotifyClientIdChanged();
    void clientIdErrorChanged();

private:
    void setClientIdError(const QString &error);

    ClientConfig m_config;
    QString m_configurationError;
    QString m_clientIdError;
    QString m_initialPage = QStringLiteral("home");
    QString m_initialSection;
};
