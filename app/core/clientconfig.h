#pragma once

#include "engine/model/result.h"
#include "engine/spotify/endpoints.h"

#include <QProcessEnvironment>
#include <QSettings>
#include <QString>
#include <QUrl>

// The client's configuration, from (highest first) the command line, TUNESCOUT_* environment variables and
// the settings file. Holds no secrets: tokens live only in the OS keychain.
struct ClientConfig {
    QString dataDir;
    engine::SpotifyEndpoints spotify;
    QString spotifyClientId;
    QString spotifyClientIdSource; // "TUNESCOUT_SPOTIFY_CLIENT_ID", the settings file, or empty when unset
    QUrl hubUrl;
    QString settingsPath;

    static engine::Result<ClientConfig>
    load(const QString &dataDirOption, const QProcessEnvironment &environment, QSettings &settings);

    // A Client ID as the user typed or pasted it, trimmed; or an error saying what is wrong with it.
    static engine::Result<QString> validateClientId(const QString &clientId, const QString &source);
    // Checks the Client ID and stores it in the settings file (spotify/client_id).
    static engine::Result<QString> saveClientId(QSettings &settings, const QString &clientId);
};

// <config dir>/tunescout.ini: the Spotify Client ID, the hub URL and UI preferences.
QString clientSettingsPath();
