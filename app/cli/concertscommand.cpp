#include "app/cli/concertscommand.h"

#include "app/cli/console.h"
#include "app/cli/exitcodes.h"
#include "engine/concerts/concertfinder.h"
#include "engine/concerts/householdconcerts.h"
#include "engine/concerts/ics.h"
#include "engine/hubclient/hubclient.h"
#include "engine/spotify/secretstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSaveFile>
#include <QTimer>
#include <QUrlQuery>

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

// `whyOf(i)` says why the i-th show is listed.
void printText(const ConcertSearch &search,
               const ConcertLocation &location,
               qint64 nowMs,
               const std::function<QString(qsizetype)> &whyOf)
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
    for (qsizetype i = 0; i < search.concerts.size(); ++i) {
        const FoundConcert &found = search.concerts.at(i);
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
        out << '\n' << "      why: " << whyOf(i) << '\n';
        if (found.event.ticketUrl.isValid() && !found.event.ticketUrl.isEmpty()) {
            out << "      tickets (" << found.event.provider << "): " << found.event.ticketUrl.toString() << '\n';
        }
        if (found.stale) {
            out << "      listed " << age(found.fetchedAtMs, nowMs) << " ago (the provider could not be asked now)\n";
        }
    }
}

// Who in the household plays or follows the artist, from the hub's `who`: "you (top #3), Ana (follows, 12 plays)".
QString whoText(const QList<HouseholdListener> &who)
{
    QStringList members;
    for (const HouseholdListener &member : who) {
        QStringList facts;
        if (member.follows) {
            facts.append(QStringLiteral("follows"));
        }
        if (member.topRank > 0) {
            facts.append(QStringLiteral("top #%1").arg(member.topRank));
        }
        if (member.plays > 0) {
            facts.append(member.plays == 1 ? QStringLiteral("1 play") : QStringLiteral("%1 plays").arg(member.plays));
        }
        members.append(QStringLiteral("%1 (%2)").arg(member.you ? QStringLiteral("you") : member.displayName,
                                                     facts.join(QStringLiteral(", "))));
    }
    return members.join(QStringLiteral(", "));
}

// The household's shows from the hub this device is paired with (GET /api/v1/concerts), cached in the concert
// cache; what was cached is shown, with its age, when the hub cannot be asked. Nothing when not paired.
std::optional<int> runHubConcerts(const ClientConfig &config, const ConcertsCommandOptions &options)
{
    QTextStream &err = cli::err();
    auto store = cli::openStoreReporting(config.dataDir);
    if (!store) {
        return Failure;
    }
    auto ledger = HubLedger::create(*store);
    const auto pairing = ledger ? ledger.value().pairing() : Result<std::optional<HubPairing>>(ledger.error());
    if (!pairing) {
        err << pairing.error().message << '\n';
        return Failure;
    }
    if (!pairing.value()) {
        return std::nullopt;
    }
    const qint64 household = pairing.value()->householdId;
    QUrlQuery query;
    if (!options.radiusKm.isEmpty()) {
        const auto radius = parseConcertRadius(options.radiusKm, QStringLiteral("--radius-km"));
        if (!radius) {
            err << radius.error().message << '\n';
            return Usage;
        }
        query.addQueryItem(QStringLiteral("radius_km"), QString::number(radius.value()));
    }
    KeychainSecretStore keychain;
    QNetworkAccessManager network;
    HubClient client(
        [&store, &network](std::function<void(Store &)> work, std::function<void()> then) {
            work(*store);
            QTimer::singleShot(0, &network, std::move(then));
        },
        &keychain,
        &network);
    err << "Asking the household hub at " << pairing.value()->url.toString() << " for its concerts.\n";
    err.flush();
    std::optional<HubReadReply> reply;
    client.get(QStringLiteral("/api/v1/concerts"), query, [&reply](const HubReadReply &r) {
        reply = r;
        QCoreApplication::quit();
    });
    if (!reply) {
        QCoreApplication::exec();
    }
    if (!reply) {
        err << "The hub did not answer.\n";
        return Failure;
    }
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    Result<std::optional<HouseholdConcerts>> shown = std::optional<HouseholdConcerts>();
    if (reply->outcome == HubReadReply::Outcome::Ok) {
        auto parsed = parseHouseholdConcerts(reply->json, nowMs);
        if (!parsed) {
            err << parsed.error().message << '\n';
            return Failure;
        }
        if (auto saved = saveHouseholdConcerts(store->database(), household, reply->json, nowMs); !saved) {
            err << "Could not cache the hub's concerts: " << saved.error().message << '\n';
        }
        shown = std::optional<HouseholdConcerts>(parsed.value());
    } else {
        err << reply->message << '\n';
        shown = loadHouseholdConcerts(store->database(), household);
        if (!shown) {
            err << shown.error().message << '\n';
            return Failure;
        }
        if (!shown.value()) {
            return reply->outcome == HubReadReply::Outcome::Failed ? Failure : UserActionNeeded;
        }
        err << "Showing what the hub listed " << age(shown.value()->receivedAtMs, nowMs) << " ago.\n";
    }
    const HouseholdConcerts &listed = *shown.value();
    ConcertSearch search;
    QList<QList<HouseholdListener>> who;
    for (const HouseholdConcert &concert : listed.concerts) {
        FoundConcert found;
        found.event = concert.event;
        found.artist.name = concert.artistName;
        found.artist.spotifyId = concert.artistUri.section(QLatin1Char(':'), 2);
        found.match.headliner = concert.headliner;
        found.distanceKm = concert.distanceKm;
        found.fetchedAtMs = concert.fetchedAtMs;
        found.stale = concert.stale;
        search.concerts.append(found);
        who.append(concert.who);
    }
    if (options.json) {
        QJsonArray concerts;
        for (qsizetype i = 0; i < search.concerts.size(); ++i) {
            QJsonObject object = concertJson(search.concerts.at(i));
            object.remove(QStringLiteral("why"));
            QJsonArray members;
            for (const HouseholdListener &member : who.at(i)) {
                members.append(QJsonObject{{QStringLiteral("member_id"), member.memberId},
                                           {QStringLiteral("display_name"), member.displayName},
                                           {QStringLiteral("you"), member.you},
                                           {QStringLiteral("follows"), member.follows},
                                           {QStringLiteral("top_rank"), member.topRank},
                                           {QStringLiteral("plays"), member.plays}});
            }
            object.insert(QStringLiteral("who"), members);
            concerts.append(object);
        }
        QJsonObject answer{
            {QStringLiteral("source"), QStringLiteral("hub")},
            {QStringLiteral("near"),
             QJsonObject{{QStringLiteral("name"), listed.homePlace}, {QStringLiteral("radius_km"), listed.radiusKm}}},
            {QStringLiteral("received_at"),
             QDateTime::fromMSecsSinceEpoch(listed.receivedAtMs, Qt::UTC).toString(Qt::ISODate)},
            {QStringLiteral("concerts"), concerts}};
        if (reply->outcome != HubReadReply::Outcome::Ok) {
            answer.insert(QStringLiteral("hub_error"), reply->message);
        }
        cli::out() << QJsonDocument(answer).toJson(QJsonDocument::Indented);
    } else {
        ConcertLocation home;
        home.name = listed.homePlace.isEmpty() ? QStringLiteral("the household's home") : listed.homePlace;
        home.radiusKm = listed.radiusKm;
        printText(search, home, nowMs, [&who](qsizetype i) {
            return whoText(who.at(i));
        });
    }
    cli::out().flush();
    return Success;
}

} // namespace

int runConcerts(const ClientConfig &config, const ConcertsCommandOptions &options)
{
    QTextStream &err = cli::err();
    // Paired with a household hub: its shows, unless --near asks for another place than the household's home.
    if (options.near.isEmpty()) {
        if (const std::optional<int> fromHub = runHubConcerts(config, options)) {
            return *fromHub;
        }
    }
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
        printText(search, *location, nowMs, [&search](qsizetype i) {
            return why(search.concerts.at(i).artist);
        });
    }
    cli::out().flush();
    return anyAnswer ? Success : Failure;
}
