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
    Q_PROPERTY(QString spotifyClientId READ spotifyClientId CONSTANT)
    Q_PROPERTY(bool spotifyClientIdConfigured READ spotifyClientIdConfigured CONSTANT)
    Q_PROPERTY(QString hubUrl READ hubUrl CONSTANT)
    Q_PROPERTY(QString configurationError READ configurationError CONSTANT)

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
    QString hubUrl() const;
    QString configurationError() const;

private:
    ClientConfig m_config;
    QString m_configurationError;
};
