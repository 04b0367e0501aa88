#include "app/core/clientconfig.h"

#include "engine/store/store.h"

#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>

using engine::Error;

QString clientSettingsPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("tunescout.ini"));
}

engine::Result<ClientConfig>
ClientConfig::load(const QString &dataDirOption, const QProcessEnvironment &environment, QSettings &settings)
{
    ClientConfig config;
    config.settingsPath = settings.fileName();
    if (settings.status() == QSettings::FormatError) {
        return Error{
            Error::Code::InvalidInput,
            QStringLiteral("The settings file %1 is not a valid INI file. Fix or delete it.").arg(config.settingsPath)};
    }
    config.dataDir = engine::resolveDataDir(dataDirOption);

    auto endpoints = engine::SpotifyEndpoints::fromEnvironment(environment);
    if (!endpoints) {
        return endpoints.error();
    }
    config.spotify = endpoints.value();

    if (const QString id = environment.value(QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID")); !id.isEmpty()) {
        config.spotifyClientIdSource = QStringLiteral("TUNESCOUT_SPOTIFY_CLIENT_ID");
        config.spotifyClientId = id;
    } else if (const QString stored = settings.value(QStringLiteral("spotify/client_id")).toString();
               !stored.isEmpty()) {
        config.spotifyClientIdSource = config.settingsPath;
        config.spotifyClientId = stored;
    }
    if (!config.spotifyClientId.isEmpty()) {
        auto valid = validateClientId(config.spotifyClientId, config.spotifyClientIdSource);
        if (!valid) {
            return valid.error();
        }
        config.spotifyClientId = valid.value();
    }

    QString hub = environment.value(QStringLiteral("TUNESCOUT_HUB_URL"));
    QString hubSource = QStringLiteral("TUNESCOUT_HUB_URL");
    if (hub.isEmpty()) {
        hub = settings.value(QStringLiteral("hub/url")).toString();
        hubSource = QStringLiteral("hub/url in %1").arg(config.settingsPath);
    }
    if (!hub.isEmpty()) {
        auto url = engine::parseBaseUrl(hub, hubSource);
        if (!url) {
            return url.error();
        }
        config.hubUrl = url.value();
    }
    if (auto concerts = loadConcertSettings(config, environment, settings); !concerts) {
        return concerts.error();
    }
    return config;
}

engine::Result<void>
ClientConfig::loadConcertSettings(ClientConfig &config, const QProcessEnvironment &environment, QSettings &settings)
{
    const auto pick = [&](const char *variable, const char *key) -> std::pair<QString, QString> {
        if (const QString value = environment.value(QLatin1String(variable)).trimmed(); !value.isEmpty()) {
            return {value, QLatin1String(variable)};
        }
        if (key) {
            if (const QString value = settings.value(QLatin1String(key)).toString().trimmed(); !value.isEmpty()) {
                return {value, QStringLiteral("%1 in %2").arg(QLatin1String(key), config.settingsPath)};
            }
        }
        return {};
    };
    // Provider credentials are URL query values: letters, digits and a few marks, nothing to paste by mistake.
    static const QRegularExpression credential(QStringLiteral("^[0-9A-Za-z._-]{4,128}$"));
    const auto checkedCredential = [](const std::pair<QString, QString> &value,
                                      const QString &what) -> engine::Result<QString> {
        if (!value.first.isEmpty() && !credential.match(value.first).hasMatch()) {
            return Error{Error::Code::InvalidInput,
                         QStringLiteral("The %1 from %2 is not valid: copy it again from the provider's developer "
                                        "portal (letters, digits, '.', '_' and '-' only).")
                             .arg(what, value.second)};
        }
        return value.first;
    };
    const auto ticketmasterKey =
        checkedCredential(pick(engine::TicketmasterProvider::KeyVariable, "concerts/ticketmaster_key"),
                          QStringLiteral("Ticketmaster API key"));
    if (!ticketmasterKey) {
        return ticketmasterKey.error();
    }
    config.concertProviders.ticketmasterKey = ticketmasterKey.value();
    const auto seatGeekId =
        checkedCredential(pick(engine::SeatGeekProvider::ClientIdVariable, "concerts/seatgeek_client_id"),
                          QStringLiteral("SeatGeek client id"));
    if (!seatGeekId) {
        return seatGeekId.error();
    }
    config.concertProviders.seatGeekClientId = seatGeekId.value();
    for (const auto &[variable, url] :
         {std::pair{engine::TicketmasterProvider::UrlVariable, &config.concertProviders.ticketmasterUrl},
          std::pair{engine::SeatGeekProvider::UrlVariable, &config.concertProviders.seatGeekUrl}}) {
        if (const auto value = pick(variable, nullptr); !value.first.isEmpty()) {
            auto parsed = engine::parseBaseUrl(value.first, value.second);
            if (!parsed) {
                return parsed.error();
            }
            *url = parsed.value();
        }
    }
    if (const QString radius = settings.value(QStringLiteral("concerts/radius_km")).toString(); !radius.isEmpty()) {
        auto parsed =
            engine::parseConcertRadius(radius, QStringLiteral("concerts/radius_km in %1").arg(config.settingsPath));
        if (!parsed) {
            return parsed.error();
        }
        config.concertRadiusKm = parsed.value();
    }
    if (const QString near = settings.value(QStringLiteral("concerts/near")).toString(); !near.isEmpty()) {
        auto parsed = engine::parseConcertLocation(near, config.concertRadiusKm);
        if (!parsed) {
            return Error{parsed.error().code,
                         QStringLiteral("concerts/near in %1: %2").arg(config.settingsPath, parsed.error().message)};
        }
        config.concertLocation = parsed.value();
    }
    return {};
}

engine::Result<QString> ClientConfig::validateClientId(const QString &clientId, const QString &source)
{
    // Spotify issues 32 hex digits; readable IDs are allowed too (the fake Spotify uses them), but not what
    // cannot be an ID at all (spaces, URLs, a pasted "id:secret"), which would only fail later in the browser.
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-zA-Z_-]{8,64}$"));
    const QString trimmed = clientId.trimmed();
    if (!pattern.match(trimmed).hasMatch()) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("The Spotify Client ID from %1 is not valid: copy the 32-character Client ID "
                                    "from your app's page in the Spotify developer dashboard.")
                         .arg(source)};
    }
    return trimmed;
}

engine::Result<QString> ClientConfig::saveClientId(QSettings &settings, const QString &clientId)
{
    auto valid = validateClientId(clientId, QStringLiteral("your input"));
    if (!valid) {
        return valid.error();
    }
    settings.setValue(QStringLiteral("spotify/client_id"), valid.value());
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        return Error{Error::Code::Io,
                     QStringLiteral("Could not write the settings file %1. Check that its folder is writable.")
                         .arg(settings.fileName())};
    }
    return valid.value();
}
