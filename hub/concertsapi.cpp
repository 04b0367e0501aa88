// GET /api/v1/concerts: the upcoming shows of the household's artists near its home, from what the refresh job
// cached (hub/concerts.h), with who in the household follows or plays each artist. Only the caller's household.

#include "engine/concerts/artistmatch.h"
#include "engine/concerts/location.h"
#include "hub/api.h"
#include "hub/concerts.h"
#include "hub/database.h"
#include "hub/store.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <optional>

#include <pqxx/result>
#include <pqxx/transaction>

namespace hub
{

namespace
{

constexpr const char *selectHouseholdConcerts =
    "SELECT m.artist_uri, m.artist_name, m.matched_by, m.billed_as, m.headliner, e.provider, e.provider_event_id, "
    "e.name, e.local_date::text, to_char(e.local_time, 'HH24:MI'), e.starts_at, e.time_zone, e.status, "
    "e.venue_name, e.city, e.country_code, e.country_name, e.latitude, e.longitude, e.ticket_url, "
    "(extract(epoch FROM e.fetched_at) * 1000)::bigint, e.expires_at <= now() "
    "FROM concert_matches m JOIN concert_events e USING (provider, provider_event_id) "
    "WHERE m.household_id = $1 AND e.local_date >= $2::date AND ($3::date IS NULL OR e.local_date <= $3::date) "
    "ORDER BY e.local_date, e.local_time NULLS LAST, e.provider = 'ticketmaster' DESC, e.provider_event_id, "
    "m.artist_uri";

QJsonValue textOrNull(const pqxx::field &field)
{
    return field.is_null() ? QJsonValue() : QJsonValue(QString::fromUtf8(field.c_str()));
}

std::optional<QDate> dateParameter(const HttpRequest &request, const QByteArray &name)
{
    const QByteArray text = request.queryValue(name);
    if (text.isNull()) {
        return std::nullopt;
    }
    const QDate date = QDate::fromString(QString::fromLatin1(text), Qt::ISODate);
    if (!date.isValid() || text.size() != 10) {
        throw HttpError(400,
                        QByteArrayLiteral("invalid_date"),
                        QStringLiteral("The query parameter %1 must be a date as YYYY-MM-DD, such as 2026-07-01.")
                            .arg(QString::fromLatin1(name)));
    }
    return date;
}

// One row of the answer, kept until duplicates are dropped: a show both providers list is one show.
struct Row {
    QString artistUri;
    QDate date;
    std::optional<engine::GeoPoint> venue;
    QString venueName;
    QJsonObject json;
};

bool sameShow(const Row &a, const Row &b)
{
    if (a.artistUri != b.artistUri || a.date != b.date) {
        return false;
    }
    if (a.venue && b.venue) {
        return engine::distanceKm(*a.venue, *b.venue) < 1.0;
    }
    return engine::normalisedArtistName(a.venueName) == engine::normalisedArtistName(b.venueName);
}

} // namespace

HttpResponse Api::concerts(const HttpRequest &request, const DeviceIdentity &device) const
{
    std::optional<double> radius;
    if (const QByteArray text = request.queryValue(QByteArrayLiteral("radius_km")); !text.isNull()) {
        bool ok = false;
        radius = text.toDouble(&ok);
        if (!ok || !(*radius >= 1.0 && *radius <= engine::kMaxConcertRadiusKm)) {
            throw HttpError(400,
                            QByteArrayLiteral("invalid_radius"),
                            QStringLiteral("The query parameter radius_km must be a number of kilometres from 1 to %1.")
                                .arg(engine::kMaxConcertRadiusKm));
        }
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDate from = dateParameter(request, QByteArrayLiteral("from")).value_or(now.date());
    const std::optional<QDate> to = dateParameter(request, QByteArrayLiteral("to"));
    if (to && *to < from) {
        throw HttpError(400,
                        QByteArrayLiteral("invalid_date"),
                        QStringLiteral("The query parameter to (%1) is before from (%2).")
                            .arg(to->toString(Qt::ISODate), from.toString(Qt::ISODate)));
    }

    std::optional<HomeLocation> home;
    QList<HouseholdArtist> artists;
    QList<Row> rows;
    m_store.database().run([&](pqxx::connection &connection) {
        pqxx::read_transaction transaction(connection);
        home = ConcertStore::homeLocation(transaction, device.householdId);
        if (!home) {
            return;
        }
        artists = ConcertStore::householdArtists(transaction, device.householdId);
        const std::string toText = to ? to->toString(Qt::ISODate).toStdString() : std::string();
        const pqxx::result result = transaction.exec_params(selectHouseholdConcerts,
                                                            device.householdId,
                                                            from.toString(Qt::ISODate).toStdString(),
                                                            to ? toText.c_str() : nullptr);
        rows.clear();
        for (const pqxx::row &row : result) {
            Row entry;
            entry.artistUri = QString::fromUtf8(row[0].c_str());
            entry.date = QDate::fromString(QString::fromUtf8(row[8].c_str()), Qt::ISODate);
            if (!row[17].is_null()) {
                entry.venue = engine::GeoPoint{row[17].as<double>(), row[18].as<double>()};
            }
            entry.venueName = QString::fromUtf8(row[13].c_str());
            const qint64 fetchedAtMs = row[20].as<qint64>();
            entry.json = QJsonObject{
                {QStringLiteral("artist"),
                 QJsonObject{{QStringLiteral("uri"), entry.artistUri},
                             {QStringLiteral("name"), textOrNull(row[1])},
                             {QStringLiteral("billed_as"), textOrNull(row[3])},
                             {QStringLiteral("headliner"), row[4].as<bool>()},
                             {QStringLiteral("matched_by"), textOrNull(row[2])}}},
                {QStringLiteral("provider"), textOrNull(row[5])},
                {QStringLiteral("provider_event_id"), textOrNull(row[6])},
                {QStringLiteral("name"), textOrNull(row[7])},
                {QStringLiteral("local_date"), textOrNull(row[8])},
                {QStringLiteral("local_time"), textOrNull(row[9])},
                {QStringLiteral("starts_at"),
                 row[10].is_null() ? QJsonValue()
                                   : QJsonValue(QDateTime::fromString(QString::fromUtf8(row[10].c_str()), Qt::ISODate)
                                                    .toUTC()
                                                    .toString(Qt::ISODate))},
                {QStringLiteral("time_zone"), textOrNull(row[11])},
                {QStringLiteral("status"), textOrNull(row[12])},
                {QStringLiteral("venue"),
                 QJsonObject{{QStringLiteral("name"), textOrNull(row[13])},
                             {QStringLiteral("city"), textOrNull(row[14])},
                             {QStringLiteral("country_code"), textOrNull(row[15])},
                             {QStringLiteral("country"), textOrNull(row[16])},
                             {QStringLiteral("latitude"), row[17].is_null() ? QJsonValue() : row[17].as<double>()},
                             {QStringLiteral("longitude"), row[18].is_null() ? QJsonValue() : row[18].as<double>()}}},
                {QStringLiteral("ticket_url"), textOrNull(row[19])},
                {QStringLiteral("fetched_at"),
                 QDateTime::fromMSecsSinceEpoch(fetchedAtMs, Qt::UTC).toString(Qt::ISODate)},
                {QStringLiteral("cache_age_s"), qMax<qint64>(0, (now.toMSecsSinceEpoch() - fetchedAtMs) / 1000)},
                {QStringLiteral("stale"), row[21].as<bool>()}};
            rows.append(entry);
        }
    });
    if (!home) {
        throw HttpError(409,
                        QByteArrayLiteral("no_home_location"),
                        QStringLiteral("The household has no home location yet; the hub's admin sets it with "
                                       "tunescout-hub household location %1 CITY|LAT,LON [--radius-km N].")
                            .arg(device.householdId));
    }
    const double radiusKm = radius.value_or(home->radiusKm);
    const engine::GeoPoint homePoint{home->latitude, home->longitude};

    QHash<QString, const HouseholdArtist *> byUri;
    for (const HouseholdArtist &artist : std::as_const(artists)) {
        byUri.insert(artist.uri, &artist);
    }
    QList<Row> kept;
    QJsonArray concerts;
    for (Row &row : rows) {
        std::optional<double> distance;
        if (row.venue) {
            distance = engine::distanceKm(homePoint, *row.venue);
            if (*distance > radiusKm) {
                continue;
            }
        }
        if (std::any_of(kept.cbegin(), kept.cend(), [&](const Row &other) {
                return sameShow(other, row);
            })) {
            continue;
        }
        kept.append(row);
        QJsonArray who;
        if (const HouseholdArtist *artist = byUri.value(row.artistUri)) {
            for (const MemberArtistLink &member : artist->members) {
                who.append(QJsonObject{
                    {QStringLiteral("member_id"), member.memberId},
                    {QStringLiteral("display_name"), member.displayName},
                    {QStringLiteral("you"), member.memberId == device.memberId},
                    {QStringLiteral("follows"), member.follows},
                    {QStringLiteral("top_rank"), member.topRank > 0 ? QJsonValue(member.topRank) : QJsonValue()},
                    {QStringLiteral("plays"), member.plays}});
            }
        }
        row.json.insert(QStringLiteral("distance_km"),
                        distance ? QJsonValue(qRound(*distance * 10.0) / 10.0) : QJsonValue());
        row.json.insert(QStringLiteral("who"), who);
        concerts.append(row.json);
    }
    HttpResponse response = HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("home"),
                     QJsonObject{{QStringLiteral("place"), home->placeName},
                                 {QStringLiteral("latitude"), home->latitude},
                                 {QStringLiteral("longitude"), home->longitude},
                                 {QStringLiteral("radius_km"), home->radiusKm}}},
                    {QStringLiteral("radius_km"), radiusKm},
                    {QStringLiteral("from"), from.toString(Qt::ISODate)},
                    {QStringLiteral("to"), to ? QJsonValue(to->toString(Qt::ISODate)) : QJsonValue()},
                    {QStringLiteral("concerts"), concerts}});
    response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("private, no-cache")});
    return response;
}

} // namespace hub
