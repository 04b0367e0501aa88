#include "hub/concerts.h"

#include "engine/concerts/artistmatch.h"
#include "engine/concerts/concertprovider.h"
#include "hub/database.h"
#include "hub/household.h"
#include "hub/logging.h"
#include "hub/store.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QUrl>

#include <algorithm>

#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

namespace hub
{

namespace
{

Q_LOGGING_CATEGORY(lcConcerts, "tunescout.hub.concerts")

constexpr const char *selectHomeLocation = "select_home_location";
constexpr const char *upsertHomeLocation = "upsert_home_location";
constexpr const char *selectLatestSnapshots = "select_latest_snapshots";
constexpr const char *selectHouseholdMembers = "select_household_members";
constexpr const char *selectMemberArtistPlays = "select_member_artist_plays";
constexpr const char *selectRequestsOn = "select_requests_on";
constexpr const char *addRequests = "add_requests";
constexpr const char *selectSearchFresh = "select_search_fresh";
constexpr const char *selectAttraction = "select_attraction";
constexpr const char *upsertAttraction = "upsert_attraction";
constexpr const char *upsertConcertEvent = "upsert_concert_event";
constexpr const char *deleteSearchMatches = "delete_search_matches";
constexpr const char *insertConcertMatch = "insert_concert_match";
constexpr const char *upsertConcertSearch = "upsert_concert_search";

QString textOf(const pqxx::field &field)
{
    return field.is_null() ? QString() : QString::fromUtf8(field.c_str());
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// A nullable text parameter: pqxx sends a null const char * as SQL NULL.
struct Nullable {
    explicit Nullable(const QString &text)
        : value(text.toStdString())
        , null(text.isEmpty())
    {
    }
    const char *get() const
    {
        return null ? nullptr : value.c_str();
    }
    std::string value;
    bool null;
};

QString spotifyIdOf(const QString &uri)
{
    return uri.section(QLatin1Char(':'), 2);
}

} // namespace

void ConcertStore::prepare(pqxx::connection &connection)
{
    connection.prepare(selectHomeLocation,
                       "SELECT place_name, latitude, longitude, radius_km FROM household_locations "
                       "WHERE household_id = $1");
    connection.prepare(upsertHomeLocation,
                       "INSERT INTO household_locations (household_id, place_name, latitude, longitude, radius_km) "
                       "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (household_id) DO UPDATE SET "
                       "place_name = EXCLUDED.place_name, latitude = EXCLUDED.latitude, "
                       "longitude = EXCLUDED.longitude, radius_km = EXCLUDED.radius_km, updated_at = now()");
    // Each member's latest snapshot is what they follow now.
    connection.prepare(selectLatestSnapshots,
                       "SELECT DISTINCT ON (s.member_id) s.member_id, s.payload::text "
                       "FROM members m JOIN library_snapshots s ON s.member_id = m.id WHERE m.household_id = $1 "
                       "ORDER BY s.member_id, s.taken_at DESC, s.received_at DESC");
    connection.prepare(selectHouseholdMembers,
                       "SELECT id, display_name FROM members WHERE household_id = $1 ORDER BY id");
    connection.prepare(selectMemberArtistPlays, householdArtistPlaysSql);
    connection.prepare(selectRequestsOn,
                       "SELECT coalesce((SELECT requests FROM concert_request_budgets WHERE provider = $1 AND day = "
                       "$2::date), 0)");
    connection.prepare(addRequests,
                       "INSERT INTO concert_request_budgets (provider, day, requests) VALUES ($1, $2::date, $3) "
                       "ON CONFLICT (provider, day) DO UPDATE SET requests = concert_request_budgets.requests + "
                       "EXCLUDED.requests RETURNING requests");
    connection.prepare(selectSearchFresh,
                       "SELECT count(*) > 0 FROM concert_searches WHERE household_id = $1 AND artist_uri = $2 AND "
                       "provider = $3 AND expires_at > now()");
    connection.prepare(selectAttraction,
                       "SELECT provider_artist_id FROM concert_attractions WHERE artist_uri = $1 AND provider = $2");
    connection.prepare(upsertAttraction,
                       "INSERT INTO concert_attractions (artist_uri, provider, provider_artist_id) VALUES ($1, $2, $3) "
                       "ON CONFLICT (artist_uri, provider) DO UPDATE SET provider_artist_id = "
                       "EXCLUDED.provider_artist_id, learned_at = now()");
    connection.prepare(upsertConcertEvent,
                       "INSERT INTO concert_events (provider, provider_event_id, artist_name, name, local_date, "
                       "local_time, starts_at, time_zone, status, venue_name, city, country_code, country_name, "
                       "latitude, longitude, ticket_url, fetched_at, expires_at) VALUES ($1, $2, $3, $4, $5::date, "
                       "$6::time, $7::timestamptz, $8, $9, $10, $11, $12, $13, $14::double precision, "
                       "$15::double precision, $16, now(), now() + make_interval(hours => $17::int)) "
                       "ON CONFLICT (provider, provider_event_id) DO UPDATE SET artist_name = EXCLUDED.artist_name, "
                       "name = EXCLUDED.name, local_date = EXCLUDED.local_date, local_time = EXCLUDED.local_time, "
                       "starts_at = EXCLUDED.starts_at, time_zone = EXCLUDED.time_zone, status = EXCLUDED.status, "
                       "venue_name = EXCLUDED.venue_name, city = EXCLUDED.city, country_code = "
                       "EXCLUDED.country_code, country_name = EXCLUDED.country_name, latitude = EXCLUDED.latitude, "
                       "longitude = EXCLUDED.longitude, ticket_url = EXCLUDED.ticket_url, fetched_at = "
                       "EXCLUDED.fetched_at, expires_at = EXCLUDED.expires_at");
    connection.prepare(deleteSearchMatches,
                       "DELETE FROM concert_matches WHERE household_id = $1 AND artist_uri = $2 AND provider = $3");
    connection.prepare(insertConcertMatch,
                       "INSERT INTO concert_matches (household_id, artist_uri, artist_name, provider, "
                       "provider_event_id, matched_by, billed_as, headliner) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                       "ON CONFLICT DO NOTHING");
    connection.prepare(upsertConcertSearch,
                       "INSERT INTO concert_searches (household_id, artist_uri, provider, fetched_at, expires_at, "
                       "events) VALUES ($1, $2, $3, now(), now() + make_interval(hours => $4::int), $5) "
                       "ON CONFLICT (household_id, artist_uri, provider) DO UPDATE SET fetched_at = "
                       "EXCLUDED.fetched_at, expires_at = EXCLUDED.expires_at, events = EXCLUDED.events");
}

std::optional<HomeLocation> ConcertStore::homeLocation(pqxx::transaction_base &transaction, qint64 householdId)
{
    const pqxx::result rows = transaction.exec_prepared(selectHomeLocation, householdId);
    if (rows.empty()) {
        return std::nullopt;
    }
    return HomeLocation{textOf(rows[0][0]), rows[0][1].as<double>(), rows[0][2].as<double>(), rows[0][3].as<double>()};
}

void ConcertStore::setHomeLocation(pqxx::transaction_base &transaction,
                                   qint64 householdId,
                                   const HomeLocation &location)
{
    transaction.exec_prepared0(upsertHomeLocation,
                               householdId,
                               utf8(location.placeName),
                               location.latitude,
                               location.longitude,
                               location.radiusKm);
}

QList<HouseholdArtist> ConcertStore::householdArtists(pqxx::transaction_base &transaction, qint64 householdId)
{
    QMap<QString, HouseholdArtist> artists; // by URI, so the order is stable
    QHash<qint64, QString> memberNames;
    QList<qint64> ids;
    for (const pqxx::row &row : transaction.exec_prepared(selectHouseholdMembers, householdId)) {
        memberNames.insert(row[0].as<qint64>(), textOf(row[1]));
        ids << row[0].as<qint64>();
    }
    const auto link = [&](const QString &uri, qint64 memberId) -> MemberArtistLink & {
        HouseholdArtist &artist = artists[uri];
        artist.uri = uri;
        for (MemberArtistLink &member : artist.members) {
            if (member.memberId == memberId) {
                return member;
            }
        }
        artist.members.append(MemberArtistLink{memberId, memberNames.value(memberId), false, 0, 0});
        return artist.members.last();
    };
    QHash<QString, QString> names;
    for (const pqxx::row &row : transaction.exec_prepared(selectLatestSnapshots, householdId)) {
        const qint64 memberId = row[0].as<qint64>();
        // The sync endpoint validated the payload (dto.cpp): the lists hold artist URIs only.
        const QJsonObject payload = QJsonDocument::fromJson(QByteArray(row[1].c_str())).object();
        for (const QJsonValue &uri : payload.value(QStringLiteral("followed_artists")).toArray()) {
            link(uri.toString(), memberId).follows = true;
        }
        const QJsonArray top = payload.value(QStringLiteral("top_artists")).toArray();
        for (qsizetype rank = 0; rank < top.size(); ++rank) {
            MemberArtistLink &member = link(top.at(rank).toString(), memberId);
            member.topRank = member.topRank == 0 ? int(rank + 1) : member.topRank;
        }
        for (const QJsonValue &value : payload.value(QStringLiteral("artists")).toArray()) {
            names.insert(value.toObject().value(QStringLiteral("uri")).toString(),
                         value.toObject().value(QStringLiteral("name")).toString());
        }
    }
    for (const pqxx::row &row : transaction.exec_prepared(selectMemberArtistPlays, householdId, 0, idArrayText(ids))) {
        const QString key = textOf(row[0]);
        if (!artists.contains(key)) {
            continue; // played, but neither followed nor a top artist of anyone
        }
        link(key, row[2].as<qint64>()).plays = row[3].as<qint64>();
        if (!names.contains(key)) {
            names.insert(key, textOf(row[1]));
        }
    }
    QList<HouseholdArtist> result;
    for (HouseholdArtist &artist : artists) {
        artist.name = names.value(artist.uri).trimmed();
        std::sort(artist.members.begin(), artist.members.end(), [](const auto &a, const auto &b) {
            return a.memberId < b.memberId;
        });
        result.append(artist);
    }
    return result;
}

int ConcertStore::requestsOn(pqxx::transaction_base &transaction, const QString &provider, const QDate &day)
{
    return transaction.exec_prepared1(selectRequestsOn, utf8(provider), utf8(day.toString(Qt::ISODate)))[0].as<int>();
}

QString describe(const ConcertRefreshReport &report)
{
    switch (report.outcome) {
    case ConcertRefreshReport::Outcome::AlreadyRunning:
        return QStringLiteral("A concert refresh is already running on another hub instance; nothing to do.");
    case ConcertRefreshReport::Outcome::NoProviders:
        return QStringLiteral("No concert provider is configured: set TUNESCOUT_HUB_TICKETMASTER_KEY (or "
                              "ticketmaster_key in the config file) or TUNESCOUT_HUB_SEATGEEK_CLIENT_ID.");
    case ConcertRefreshReport::Outcome::Failed:
        return QStringLiteral("The concert refresh failed: %1").arg(report.error);
    case ConcertRefreshReport::Outcome::Refreshed:
        break;
    }
    QStringList lines;
    lines << QStringLiteral("Refreshed concerts for %1 household(s) with a home location: %2 artist search(es) due, "
                            "%3 still fresh, %4 artist(s) without a name left out.")
                 .arg(report.households)
                 .arg(report.artists)
                 .arg(report.fresh)
                 .arg(report.unnamed);
    for (const ConcertProviderRun &run : report.providers) {
        QString line = QStringLiteral("%1: %2 search(es), %3 request(s), %4 event(s) stored, %5 request(s) today")
                           .arg(run.provider)
                           .arg(run.searches)
                           .arg(run.requests)
                           .arg(run.events)
                           .arg(run.requestsToday);
        if (run.budgetSpent) {
            line += QStringLiteral("; the daily budget is spent, %1 search(es) wait for tomorrow").arg(run.skipped);
        } else if (!run.error.isEmpty()) {
            line += QStringLiteral("; failed, its cached events were kept (%1 search(es) not made): %2")
                        .arg(run.skipped)
                        .arg(run.error);
        }
        lines << line + QLatin1Char('.');
    }
    return lines.join(QLatin1Char('\n'));
}

ConcertRefresher::ConcertRefresher(ConnectionString connectionString, ConcertConfig config, QObject *parent)
    : QObject(parent)
    , m_connectionString(std::move(connectionString))
    , m_config(std::move(config))
{
}

ConcertRefresher::~ConcertRefresher() = default;

void ConcertRefresher::setTuning(const Tuning &tuning)
{
    m_tuning = tuning;
}

bool ConcertRefresher::isRunning() const
{
    return m_running;
}

ConcertRefreshReport ConcertRefresher::runAndWait()
{
    QEventLoop loop;
    ConcertRefreshReport result;
    bool finished = false;
    run([&](const ConcertRefreshReport &report) {
        result = report;
        finished = true;
        loop.quit();
    });
    if (!finished) {
        loop.exec();
    }
    return result;
}

void ConcertRefresher::run(Callback done)
{
    if (m_running) {
        ConcertRefreshReport busy;
        busy.outcome = ConcertRefreshReport::Outcome::AlreadyRunning;
        done(busy);
        return;
    }
    m_running = true;
    m_done = std::move(done);
    m_report = ConcertRefreshReport();
    m_searches.clear();
    for (ProviderState &state : m_providers) {
        delete state.provider;
    }
    m_providers.clear();
    if (!m_config.hasProvider()) {
        m_report.outcome = ConcertRefreshReport::Outcome::NoProviders;
        finish();
        return;
    }
    try {
        start();
    } catch (const std::exception &error) {
        fail(error);
        return;
    }
    next();
}

void ConcertRefresher::start()
{
    m_connection = std::make_unique<pqxx::connection>(m_connectionString.toStdString());
    {
        pqxx::nontransaction session(*m_connection);
        if (!session.exec_params1("SELECT pg_try_advisory_lock($1::bigint)", concertsLockKey)[0].as<bool>()) {
            m_connection.reset();
            m_report.outcome = ConcertRefreshReport::Outcome::AlreadyRunning;
            return;
        }
    }
    // The lock is the session's: closing the connection (also when anything below throws) releases it.
    Store::prepare(*m_connection);

    const struct {
        bool configured;
        std::function<engine::ConcertProvider *()> make;
        int rate;
        int budget;
    } providers[] = {
        {!m_config.ticketmasterKey.isEmpty(),
         [this] {
             return new engine::TicketmasterProvider(QUrl(m_config.ticketmasterUrl), m_config.ticketmasterKey, this);
         },
         m_config.ticketmasterRate,
         m_config.ticketmasterDailyBudget},
        {!m_config.seatGeekClientId.isEmpty(),
         [this] {
             return new engine::SeatGeekProvider(QUrl(m_config.seatGeekUrl), m_config.seatGeekClientId, this);
         },
         m_config.seatGeekRate,
         m_config.seatGeekDailyBudget},
    };
    const QDate today = QDateTime::currentDateTimeUtc().date();
    pqxx::work transaction(*m_connection);
    for (const auto &provider : providers) {
        if (!provider.configured) {
            continue;
        }
        ProviderState state;
        state.provider = provider.make();
        state.dailyBudget = provider.budget;
        const int used = ConcertStore::requestsOn(transaction, state.provider->id(), today);
        state.remainingAtStart = std::max(0, provider.budget - used);
        engine::ConcertProviderPolicy policy;
        policy.requestsPerSecond = provider.rate;
        // The adapter stops itself once this run's share of the budget is sent; the table counts across runs.
        policy.dailyBudget = provider.budget > 0 ? std::max(1, state.remainingAtStart) : 0;
        policy.pageSize = m_tuning.pageSize;
        policy.backoffBase = m_tuning.backoffBase;
        state.provider->setPolicy(policy);
        m_providers.append(state);
        ConcertProviderRun run;
        run.provider = state.provider->displayName();
        run.requestsToday = used;
        m_report.providers.append(run);
    }

    // Shows that are over are of no use to anyone; their matches go with them.
    transaction.exec0("DELETE FROM concert_events WHERE local_date < current_date - 1");
    const pqxx::result households = transaction.exec(
        "SELECT household_id, place_name, latitude, longitude, radius_km FROM household_locations ORDER BY 1");
    for (const pqxx::row &row : households) {
        const qint64 householdId = row[0].as<qint64>();
        const HomeLocation home{textOf(row[1]), row[2].as<double>(), row[3].as<double>(), row[4].as<double>()};
        ++m_report.households;
        for (const HouseholdArtist &artist : ConcertStore::householdArtists(transaction, householdId)) {
            if (artist.name.isEmpty()) {
                ++m_report.unnamed;
                continue;
            }
            for (int index = 0; index < m_providers.size(); ++index) {
                const std::string provider = utf8(m_providers.at(index).provider->id());
                if (transaction.exec_prepared1(selectSearchFresh, householdId, utf8(artist.uri), provider)[0]
                        .as<bool>()) {
                    ++m_report.fresh;
                } else {
                    ++m_report.artists;
                    m_searches.append(Search{householdId, home, artist, index});
                }
            }
        }
    }
    transaction.commit();
}

void ConcertRefresher::next()
{
    if (m_searches.isEmpty() || !m_connection) {
        finish();
        return;
    }
    // Searches of a provider that stopped are counted, not made (a loop, not recursion: there may be thousands).
    while (!m_searches.isEmpty()) {
        ProviderState &state = m_providers[m_searches.constFirst().provider];
        ConcertProviderRun &run = m_report.providers[m_searches.constFirst().provider];
        if (!state.stopped && state.dailyBudget > 0 && state.provider->requestsSent() >= state.remainingAtStart) {
            stopForTheDay(state, run);
        }
        if (!state.stopped) {
            break;
        }
        ++run.skipped;
        m_searches.removeFirst();
    }
    if (m_searches.isEmpty()) {
        finish();
        return;
    }
    const Search search = m_searches.takeFirst();
    ProviderState &state = m_providers[search.provider];
    QString attractionId;
    try {
        pqxx::read_transaction transaction(*m_connection);
        const pqxx::result rows =
            transaction.exec_prepared(selectAttraction, utf8(search.artist.uri), utf8(state.provider->id()));
        attractionId = rows.empty() ? QString() : textOf(rows[0][0]);
    } catch (const std::exception &error) {
        fail(error);
        return;
    }
    engine::ConcertQuery query;
    query.artistName = search.artist.name;
    query.providerArtistId = attractionId;
    query.near = engine::GeoPoint{search.home.latitude, search.home.longitude};
    query.radiusKm = search.home.radiusKm;
    // From the start of the hour: the same query within an hour is the same request.
    query.from = QDateTime::currentDateTimeUtc();
    query.from.setTime(QTime(query.from.time().hour(), 0));
    state.provider->search(
        query,
        [this, search, attractionId](const engine::Result<QList<engine::ConcertEvent>> &found) {
            ProviderState &state = m_providers[search.provider];
            ConcertProviderRun &run = m_report.providers[search.provider];
            try {
                persistRequests(state, run);
                if (found) {
                    searched(search, attractionId, found.value());
                    ++run.searches;
                } else if (state.dailyBudget > 0 && state.provider->requestsSent() >= state.remainingAtStart) {
                    stopForTheDay(state, run);
                    ++run.skipped;
                } else {
                    state.stopped = true;
                    run.error = found.error().message;
                    ++run.skipped;
                    qCWarning(lcConcerts).noquote()
                        << QStringLiteral("%1 failed; its cached events are kept: %2").arg(run.provider, run.error);
                }
            } catch (const std::exception &error) {
                fail(error);
                return;
            }
            next();
        });
}

void ConcertRefresher::stopForTheDay(ProviderState &state, ConcertProviderRun &run)
{
    state.stopped = true;
    run.budgetSpent = true;
    qCWarning(lcConcerts).noquote()
        << QStringLiteral("%1: the daily budget of %2 requests is spent; no more requests until tomorrow (UTC).")
               .arg(run.provider)
               .arg(state.dailyBudget);
}

void ConcertRefresher::persistRequests(ProviderState &state, ConcertProviderRun &run)
{
    const int sent = state.provider->requestsSent();
    const int delta = sent - state.persisted;
    run.requests = sent;
    if (delta <= 0) {
        return;
    }
    pqxx::work transaction(*m_connection);
    run.requestsToday = transaction
                            .exec_prepared1(addRequests,
                                            utf8(state.provider->id()),
                                            utf8(QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate)),
                                            delta)[0]
                            .as<int>();
    transaction.commit();
    state.persisted = sent;
}

void ConcertRefresher::searched(const Search &search,
                                const QString &attractionId,
                                const QList<engine::ConcertEvent> &events)
{
    const ProviderState &state = m_providers.at(search.provider);
    const std::string provider = utf8(state.provider->id());
    const std::string uri = utf8(search.artist.uri);
    const engine::MatchableArtist matchable{spotifyIdOf(search.artist.uri), search.artist.name};
    int stored = 0;
    QString learned;
    pqxx::work transaction(*m_connection);
    transaction.exec_prepared0(deleteSearchMatches, search.householdId, uri, provider);
    for (const engine::ConcertEvent &event : events) {
        if (event.isCancelled() || event.providerEventId.isEmpty()) {
            continue;
        }
        QString matchedBy;
        QString billedAs;
        bool headliner = false;
        // Asked by the provider's id of the artist: the act with that id is the artist.
        for (qsizetype i = 0; i < event.performers.size() && !attractionId.isEmpty(); ++i) {
            if (event.performers.at(i).providerId == attractionId) {
                matchedBy = QStringLiteral("attraction_id");
                billedAs = event.performers.at(i).name;
                headliner = i == 0;
                break;
            }
        }
        if (matchedBy.isEmpty()) {
            const engine::ArtistMatch match = engine::matchArtist(matchable, event);
            if (!match) {
                continue;
            }
            billedAs = match.billedAs;
            headliner = match.headliner;
            if (match.how == engine::ArtistMatch::How::SpotifyId) {
                matchedBy = QStringLiteral("spotify_id");
                for (const engine::ConcertPerformer &performer : event.performers) {
                    if (performer.spotifyId == matchable.spotifyId && !performer.providerId.isEmpty()) {
                        learned = performer.providerId;
                    }
                }
            } else {
                matchedBy = QStringLiteral("name");
            }
        }
        const QString headlinerName = event.performers.isEmpty() ? billedAs : event.performers.constFirst().name;
        const Nullable date(event.localDate.isValid() ? event.localDate.toString(Qt::ISODate) : QString());
        const Nullable time(event.localTime.isValid() ? event.localTime.toString(QStringLiteral("HH:mm:ss"))
                                                      : QString());
        const Nullable starts(event.startUtc.isValid() ? event.startUtc.toUTC().toString(Qt::ISODate) : QString());
        const Nullable latitude(event.location ? QString::number(event.location->latitude, 'g', 12) : QString());
        const Nullable longitude(event.location ? QString::number(event.location->longitude, 'g', 12) : QString());
        transaction.exec_prepared0(upsertConcertEvent,
                                   provider,
                                   utf8(event.providerEventId),
                                   utf8(headlinerName),
                                   utf8(event.name),
                                   date.get(),
                                   time.get(),
                                   starts.get(),
                                   Nullable(event.timeZone).get(),
                                   Nullable(event.status).get(),
                                   Nullable(event.venueName).get(),
                                   Nullable(event.city).get(),
                                   Nullable(event.countryCode).get(),
                                   Nullable(event.countryName).get(),
                                   latitude.get(),
                                   longitude.get(),
                                   Nullable(event.ticketUrl.toString()).get(),
                                   m_config.ttlHours);
        transaction.exec_prepared0(insertConcertMatch,
                                   search.householdId,
                                   uri,
                                   utf8(search.artist.name),
                                   provider,
                                   utf8(event.providerEventId),
                                   utf8(matchedBy),
                                   utf8(billedAs),
                                   headliner);
        ++stored;
    }
    if (!learned.isEmpty() && learned != attractionId) {
        transaction.exec_prepared0(upsertAttraction, uri, provider, utf8(learned));
    }
    transaction.exec_prepared0(upsertConcertSearch, search.householdId, uri, provider, m_config.ttlHours, stored);
    transaction.commit();
    m_report.providers[search.provider].events += stored;
}

void ConcertRefresher::finish()
{
    if (m_connection && m_report.outcome == ConcertRefreshReport::Outcome::Refreshed) {
        try {
            pqxx::work transaction(*m_connection);
            // Events no household's artist matches any more.
            transaction.exec0("DELETE FROM concert_events e WHERE NOT EXISTS (SELECT 1 FROM concert_matches m "
                              "WHERE m.provider = e.provider AND m.provider_event_id = e.provider_event_id)");
            transaction.commit();
        } catch (const std::exception &error) {
            fail(error);
            return;
        }
    }
    m_connection.reset();
    m_running = false;
    Callback done = std::move(m_done);
    done(m_report);
}

void ConcertRefresher::fail(const std::exception &error)
{
    m_report.outcome = ConcertRefreshReport::Outcome::Failed;
    // what() may quote the connection string.
    m_report.error = m_connectionString.redacted(error.what()).trimmed();
    m_searches.clear();
    m_connection.reset();
    m_running = false;
    Callback done = std::move(m_done);
    done(m_report);
}

ConcertScheduler::ConcertScheduler(ConnectionString connectionString, ConcertConfig config, QObject *parent)
    : QObject(parent)
    , m_refresher(std::move(connectionString), config)
    , m_config(std::move(config))
{
    connect(&m_timer, &QTimer::timeout, this, &ConcertScheduler::tick);
}

void ConcertScheduler::start()
{
    if (m_config.intervalMin <= 0) {
        return;
    }
    if (!m_config.hasProvider()) {
        qCInfo(lcConcerts) << "No concert provider is configured (TUNESCOUT_HUB_TICKETMASTER_KEY, "
                              "TUNESCOUT_HUB_SEATGEEK_CLIENT_ID): concerts are not refreshed.";
        return;
    }
    m_timer.start(std::chrono::minutes(m_config.intervalMin));
    tick();
}

void ConcertScheduler::tick()
{
    if (m_refresher.isRunning()) {
        qCInfo(lcConcerts) << "The previous concert refresh is still running; skipping this one.";
        return;
    }
    m_refresher.run([](const ConcertRefreshReport &report) {
        if (report.outcome == ConcertRefreshReport::Outcome::Failed) {
            qCWarning(lcConcerts).noquote() << describe(report);
        } else {
            qCInfo(lcConcerts).noquote() << describe(report);
        }
    });
}

} // namespace hub
