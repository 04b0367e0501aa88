#include "app/cli/concertscommand.h"

#include "app/cli/console.h"
#include "app/cli/exitcodes.h"
#include "engine/concerts/concertfinder.h"
#include "engine/concerts/ics.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSaveFile>

#include <memory>

using namespace engine;

namespace
{

// Artists asked about per run beyond the followed and top ones: the most played in the cache.
constexpr int kMostPlayedArtists = 50;

QString why(const UserArtist &artist)
{
    QStringList reasons;
    if (artist.followed) {
        reasons.append(QStringLiteral("you follow them"));
    }
    if (artist.topRank > 0) {
        reasons.append(QStringLiteral("#%1 of your top artists").arg(artist.topRank));
    }
    if (artist.plays > 0) {
        reasons.append(artist.plays == 1 ? QStringLiteral("1 play") : QStringLiteral("%1 plays").arg(artist.plays));
    }
    return reasons.join(QStringLiteral(", "));
}

QString age(qint64 fetchedAtMs, qint64 nowMs)
{
    const qint64 minutes = std::max<qint64>(0, (nowMs - fetchedAtMs) / 60000);
    if (minutes < 60) {
        return QStringLiteral("%1 minutes").arg(minutes);
    }
    if (minutes < 48 * 60) {
        return QStringLiteral("%1 hours").arg(minutes / 60);
    }
    return QStringLiteral("%1 days").arg(minutes / (24 * 60));
}

QJsonObject concertJson(const FoundConcert &found)
{
    QJsonObject object = concertEventToJson(found.event);
    object.insert(QStringLiteral("artist"), found.artist.name);
    if (!found.artist.spotifyId.isEmpty()) {
        object.insert(QStringLiteral("artist_spotify_id"), found.artist.spotifyId);
    }
    object.insert(QStringLiteral("why"),
                  QJsonObject{{QStringLiteral("followed"), found.artist.followed},
                              {QStringLiteral("top_rank"), found.artist.topRank},
                              {QStringLiteral("plays"), found.artist.plays}});
    object.insert(QStringLiteral("matched_by"),
                  found.match.how == ArtistMatch::How::SpotifyId ? QStringLiteral("spotify_id")
                                                                 : QStringLiteral("name"));
    object.insert(QStringLiteral("headliner"), found.match.headliner);
    if (found.distanceKm) {
        object.insert(QStringLiteral("distance_km"), std::round(*found.distanceKm * 10) / 10);
    }
    object.insert(QStringLiteral("fetched_at"),
                  QDateTime::fromMSecsSinceEpoch(found.fetchedAtMs, Qt::UTC).toString(Qt::ISODate));
    object.insert(QStringLiteral("stale"), found.stale);
    return object;
}

void printText(const ConcertSearch &search, const ConcertLocation &location, qint64 nowMs)
{
    QTextStream &out = cli::out();
    const QLocale english(QLocale::English);
    if (search.concerts.isEmpty()) {
        out << "No upcoming shows of your artists within " << location.radiusKm << " km of " << location.name << ".\n";
        return;
    }
    out << search.concerts.size() << (search.concerts.size() == 1 ? " upcoming show" : " upcoming shows")
        << " of your artists within " << location.radiusKm << " km of " << location.name << ":\n";
    QString month;
    for (const FoundConcert &found : search.concerts) {
        const QString thisMonth = english.toString(found.event.localDate, QStringLiteral("MMMM yyyy"));
        if (thisMonth != month) {
            month = thisMonth;
            out << '\n' << month << '\n';
        }
        QString when = english.toString(found.event.localDate, QStringLiteral("ddd d MMM"));
        if (found.event.localTime.isValid()) {
            when += QLatin1Char(' ') + found.event.localTime.toString(QStringLiteral("HH:mm"));
        }
        out << "  " << when << "  " << found.artist.name;
        if (!found.match.headliner) {
            out << " (support)";
        }
        if (found.event.name != found.artist.name && !found.event.name.isEmpty()) {
            out << " — " << found.event.name;
        }
        out << '\n';
        QStringList place;
        for (const QString &part : {found.event.venueName, found.event.city, found.event.countryCode}) {
            if (!part.isEmpty()) {
                place.append(part);
            }
        }
        out << "      " << place.join(QStringLiteral(", "));
        if (found.distanceKm) {
            out << " · " << qRound(*found.distanceKm) << " km";
        }
        if (!found.event.status.isEmpty() && found.event.status != QLatin1String("onsale")
            && found.event.status != QLatin1String("normal")) {
            out << " · " << found.event.status;
        }
        out << '\n' << "      why: " << why(found.artist) << '\n';
        if (found.event.ticketUrl.isValid() && !found.event.ticketUrl.isEmpty()) {
            out << "      tickets (" << found.event.provider << "): " << found.event.ticketUrl.toString() << '\n';
        }
        if (found.stale) {
            out << "      listed " << age(found.fetchedAtMs, nowMs) << " ago (the provider could not be asked now)\n";
        }
    }
}

} // namespace

int runConcerts(const ClientConfig &config, const ConcertsCommandOptions &options)
{
    QTextStream &err = cli::err();
    double radiusKm = config.concertRadiusKm;
    if (!options.radiusKm.isEmpty()) {
        const auto radius = parseConcertRadius(options.radiusKm, QStringLiteral("--radius-km"));
        if (!radius) {
            err << radius.error().message << '\n';
            return Usage;
        }
        radiusKm = radius.value();
    }
    std::optional<ConcertLocation> location = config.concertLocation;
    if (!options.near.isEmpty()) {
        const auto parsed = parseConcertLocation(options.near, radiusKm);
        if (!parsed) {
            err << "--near: " << parsed.error().message << '\n';
            return Usage;
        }
        location = parsed.value();
    }
    if (!location) {
        err << "Where should TuneScout look for concerts? Give --near CITY or --near LAT,LON, or set concerts/near "
               "in "
            << config.settingsPath << ".\n";
        return UserActionNeeded;
    }
    location->radiusKm = radiusKm;

    std::vector<std::unique_ptr<ConcertProvider>> owned;
    const ConcertProvidersConfig &providers = config.concertProviders;
    if (!providers.ticketmasterKey.isEmpty()) {
        owned.push_back(std::make_unique<TicketmasterProvider>(providers.ticketmasterUrl, providers.ticketmasterKey));
    }
    if (!providers.seatGeekClientId.isEmpty()) {
        owned.push_back(std::make_unique<SeatGeekProvider>(providers.seatGeekUrl, providers.seatGeekClientId));
    }
    if (owned.empty()) {
        err << "No concert provider is configured. Get a free Ticketmaster API key (developer.ticketmaster.com: "
               "register, then \"My Apps\" shows the Consumer Key) and set TUNESCOUT_TICKETMASTER_KEY or "
               "concerts/ticketmaster_key in "
            << config.settingsPath
            << "; for SeatGeek (North America), create an app at seatgeek.com/account/develop and set "
               "TUNESCOUT_SEATGEEK_CLIENT_ID or concerts/seatgeek_client_id.\n";
        return UserActionNeeded;
    }

    const auto store = cli::openStoreReporting(config.dataDir);
    if (!store) {
        return Failure;
    }
    const auto artists = loadUserArtists(store->database(), kMostPlayedArtists);
    if (!artists) {
        err << artists.error().message << '\n';
        return Failure;
    }
    if (artists.value().isEmpty()) {
        err << "The cache has no artists of yours yet: run 'tunescout-cli sync' (or 'import') first.\n";
        return UserActionNeeded;
    }
    QList<ConcertProvider *> list;
    QStringList names;
    for (const auto &provider : owned) {
        list.append(provider.get());
        names.append(provider->displayName());
    }
    err << "Looking for shows of " << artists.value().size() << " artists within " << location->radiusKm << " km of "
        << location->name << " (" << names.join(QStringLiteral(", ")) << "; answers are cached for a day).\n";
    err.flush();

    ConcertFinder finder(store->database(), list);
    std::optional<Result<ConcertSearch>> outcome;
    finder.find(artists.value(), *location, [&outcome](const Result<ConcertSearch> &search) {
        outcome = search;
        QCoreApplication::quit();
    });
    if (!outcome) {
        QCoreApplication::exec();
    }
    if (!outcome || !outcome->ok()) {
        err << (outcome ? outcome->error().message : QStringLiteral("The concert search did not finish.")) << '\n';
        return Failure;
    }
    const ConcertSearch &search = outcome->value();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    bool anyAnswer = false;
    for (const ProviderOutcome &provider : search.providers) {
        anyAnswer = anyAnswer || provider.fetched + provider.fromCache + provider.stale > 0;
        if (provider.error.isEmpty()) {
            continue;
        }
        err << provider.error << '\n';
        if (provider.stale > 0) {
            err << "Showing what " << provider.provider << " listed before for " << provider.stale
                << " artists (the oldest " << age(provider.oldestStaleMs, nowMs) << " ago).\n";
        }
    }
    if (!options.icsPath.isEmpty()) {
        QList<ConcertEvent> events;
        for (const FoundConcert &found : search.concerts) {
            events.append(found.event);
        }
        QSaveFile file(options.icsPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(concertsToIcs(events, QDateTime::currentDateTimeUtc())) < 0
            || !file.commit()) {
            err << "Could not write " << options.icsPath << ": " << file.errorString() << '\n';
            return Failure;
        }
        err << "Wrote " << events.size() << " shows to " << options.icsPath << ".\n";
    }
    if (options.json) {
        QJsonArray concerts;
        for (const FoundConcert &found : search.concerts) {
            concerts.append(concertJson(found));
        }
        QJsonArray providerList;
        for (const ProviderOutcome &provider : search.providers) {
            QJsonObject entry{{QStringLiteral("name"), provider.provider},
                              {QStringLiteral("fetched"), provider.fetched},
                              {QStringLiteral("from_cache"), provider.fromCache},
                              {QStringLiteral("stale"), provider.stale}};
            if (!provider.error.isEmpty()) {
                entry.insert(QStringLiteral("error"), provider.error);
            }
            providerList.append(entry);
        }
        const QJsonObject place{{QStringLiteral("name"), location->name},
                                {QStringLiteral("latitude"), location->point.latitude},
                                {QStringLiteral("longitude"), location->point.longitude},
                                {QStringLiteral("radius_km"), location->radiusKm}};
        cli::out() << QJsonDocument(QJsonObject{{QStringLiteral("near"), place},
                                                {QStringLiteral("concerts"), concerts},
                                                {QStringLiteral("providers"), providerList}})
                          .toJson(QJsonDocument::Indented);
    } else {
        printText(search, *location, nowMs);
    }
    cli::out().flush();
    return anyAnswer ? Success : Failure;
}
