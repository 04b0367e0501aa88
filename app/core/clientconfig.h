#pragma once

#include "engine/concerts/concertprovider.h"
#include "engine/concerts/location.h"
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
    // Concerts: provider URLs and credentials (TUNESCOUT_TICKETMASTER_URL/_KEY, TUNESCOUT_SEATGEEK_URL/_CLIENT_ID,
    // else concerts/ticketmaster_key and concerts/seatgeek_client_id), and where the user looks for shows
    // (concerts/near, concerts/radius_km). These keys identify TuneScout's own developer app at the provider,
    // not the user: they are not secrets of the user's.
    engine::ConcertProvidersConfig concertProviders;
    std::optional<engine::ConcertLocation> concertLocation; // unset until the user chooses a place
    double concertRadiusKm = engine::kDefaultConcertRadiusKm;

    static engine::Result<ClientConfig>
    load(const QString &dataDirOption, const QProcessEnvironment &environment, QSettings &settings);

    // The concert settings of `config` (above); an unusable value is an error naming where it came from.
    static engine::Result<void>
    loadConcertSettings(ClientConfig &config, const QProcessEnvironment &environment, QSettings &settings);

    // A Client ID as the user typed or pasted it, trimmed; or an error saying what is wrong with it.
    static engine::Result<QString> validateClientId(const QString &clientId, const QString &source);
    // Checks the Client ID and stores it in the settings file (spotify/client_id).
    static engine::Result<QString> saveClientId(QSettings &settings, const QString &clientId);
};

// <config dir>/tunescout.ini: the Spotify Client ID, the hub URL and UI preferences.
QString clientSettingsPath();
