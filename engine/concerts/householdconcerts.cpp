#include "engine/concerts/householdconcerts.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace engine
{

namespace
{

// Both providers the hub relays: an answer is stored under each, so an empty answer is still remembered.
const QStringList kProviders{QStringLiteral("ticketmaster"), QStringLiteral("seatgeek")};
constexpr auto kHomeKey = "hub_concerts_home";

QString queryKey(qint64 householdId)
{
    return QStringLiteral("hub:household=%1").arg(householdId);
}

Error unreadable(int index, const QString &what)
{
    return Error{Error::Code::Corrupt,
                 QStringLiteral("The hub's concert list could not be read: concerts[%1] %2.").arg(index).arg(what)};
}

std::optional<double> number(const QJsonValue &value)
{
    return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
}

Result<HouseholdConcert> parseConcert(const QJsonObject &object, int index)
{
    HouseholdConcert concert;
    ConcertEvent &event = concert.event;
    event.provider = object.value(QStringLiteral("provider")).toString();
    event.providerEventId = object.value(QStringLiteral("provider_event_id")).toString();
    if (event.provider.isEmpty() || event.providerEventId.isEmpty()) {
        return unreadable(index, QStringLiteral("has no provider or provider_event_id"));
    }
    const QJsonObject artist = object.value(QStringLiteral("artist")).toObject();
    concert.artistUri = artist.value(QStringLiteral("uri")).toString();
    concert.artistName = artist.value(QStringLiteral("name")).toString();
    if (concert.artistName.isEmpty()) {
        return unreadable(index, QStringLiteral("names no artist"));
    }
    concert.headliner = artist.value(QStringLiteral("headliner")).toBool(true);
    event.name = object.value(QStringLiteral("name")).toString();
    event.performers.append(ConcertPerformer{artist.value(QStringLiteral("billed_as")).toString(concert.artistName),
                                             {},
                                             concert.artistUri.section(QLatin1Char(':'), 2)});
    const QString date = object.value(QStringLiteral("local_date")).toString();
    if (!date.isEmpty()) {
        event.localDate = QDate::fromString(date, Qt::ISODate);
        if (!event.localDate.isValid()) {
            return unreadable(index, QStringLiteral("has local_date \"%1\", which is not a date").arg(date));
        }
    }
    const QString time = object.value(QStringLiteral("local_time")).toString();
    if (!time.isEmpty()) {
        event.localTime =
            QTime::fromString(time, time.size() > 5 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
        if (!event.localTime.isValid()) {
            return unreadable(index, QStringLiteral("has local_time \"%1\", which is not a time").arg(time));
        }
    }
    event.startUtc = QDateTime::fromString(object.value(QStringLiteral("starts_at")).toString(), Qt::ISODate);
    event.timeZone = object.value(QStringLiteral("time_zone")).toString();
    event.status = object.value(QStringLiteral("status")).toString();
    const QJsonObject venue = object.value(QStringLiteral("venue")).toObject();
    event.venueName = venue.value(QStringLiteral("name")).toString();
    event.city = venue.value(QStringLiteral("city")).toString();
    event.countryCode = venue.value(QStringLiteral("country_code")).toString();
    event.countryName = venue.value(QStringLiteral("country")).toString();
    const auto latitude = number(venue.value(QStringLiteral("latitude")));
    const auto longitude = number(venue.value(QStringLiteral("longitude")));
    if (latitude && longitude) {
        event.location = GeoPoint{*latitude, *longitude};
    }
    event.ticketUrl = QUrl(object.value(QStringLiteral("ticket_url")).toString());
    concert.distanceKm = number(object.value(QStringLiteral("distance_km")));
    const QDateTime fetched = QDateTime::fromString(object.value(QStringLiteral("fetched_at")).toString(), Qt::ISODate);
    if (!fetched.isValid()) {
        return unreadable(index, QStringLiteral("has no valid fetched_at"));
    }
    concert.fetchedAtMs = fetched.toMSecsSinceEpoch();
    concert.stale = object.value(QStringLiteral("stale")).toBool();
    const QJsonArray who = object.value(QStringLiteral("who")).toArray();
    for (const QJsonValue &value : who) {
        const QJsonObject member = value.toObject();
        HouseholdListener listener;
        listener.memberId = member.value(QStringLiteral("member_id")).toInteger();
        listener.displayName = member.value(QStringLiteral("display_name")).toString();
        listener.you = member.value(QStringLiteral("you")).toBool();
        listener.follows = member.value(QStringLiteral("follows")).toBool();
        listener.topRank = member.value(QStringLiteral("top_rank")).toInt();
        listener.plays = member.value(QStringLiteral("plays")).toInteger();
        concert.who.append(listener);
    }
    return concert;
}

} // namespace

Result<HouseholdConcerts> parseHouseholdConcerts(const QJsonObject &answer, qint64 receivedAtMs)
{
    if (!answer.value(QStringLiteral("concerts")).isArray()) {
        return Error{Error::Code::Corrupt,
                     QStringLiteral("The hub's answer to GET /api/v1/concerts has no \"concerts\" list.")};
    }
    HouseholdConcerts result;
    result.receivedAtMs = receivedAtMs;
    const QJsonObject home = answer.value(QStringLiteral("home")).toObject();
    result.homePlace = home.value(QStringLiteral("place")).toString();
    result.radiusKm =
        answer.value(QStringLiteral("radius_km")).toDouble(home.value(QStringLiteral("radius_km")).toDouble());
    const QJsonArray concerts = answer.value(QStringLiteral("concerts")).toArray();
    for (qsizetype i = 0; i < concerts.size(); ++i) {
        auto concert = parseConcert(concerts.at(i).toObject(), int(i));
        if (!concert) {
            return concert.error();
        }
        result.concerts.append(concert.value());
    }
    return result;
}

Result<void>
saveHouseholdConcerts(SqliteDatabase &database, qint64 householdId, const QJsonObject &answer, qint64 receivedAtMs)
{
    const QJsonArray concerts = answer.value(QStringLiteral("concerts")).toArray();
    return database.transaction([&]() -> Result<void> {
        auto upsert = database.prepare(
            "INSERT INTO concert_queries (provider, query_key, fetched_at_ms, expires_at_ms) VALUES (?1, ?2, ?3, ?3) "
            "ON CONFLICT (provider, query_key) DO UPDATE SET fetched_at_ms = excluded.fetched_at_ms, "
            "expires_at_ms = excluded.expires_at_ms RETURNING id");
        if (!upsert) {
            return upsert.error();
        }
        auto insert = database.prepare("INSERT OR REPLACE INTO concert_events (query_id, provider_event_id, "
                                       "local_date, event_json) VALUES (?1, ?2, ?3, ?4)");
        if (!insert) {
            return insert.error();
        }
        for (const QString &provider : kProviders) {
            // The hub is asked every time the page searches: nothing here is fresh beyond the moment it arrived.
            const auto rows = upsert.value().query({provider, queryKey(householdId), receivedAtMs});
            if (!rows) {
                return rows.error();
            }
            const QVariant queryId = rows.value().constFirst().at(0);
            if (auto cleared = database.exec("DELETE FROM concert_events WHERE query_id = ?1", {queryId}); !cleared) {
                return cleared;
            }
            for (qsizetype i = 0; i < concerts.size(); ++i) {
                const QJsonObject concert = concerts.at(i).toObject();
                if (concert.value(QStringLiteral("provider")).toString() != provider) {
                    continue;
                }
                // One entry per show and artist: the key keeps both, and the hub's order (by date and time).
                const QString key =
                    QStringLiteral("%1|%2|%3")
                        .arg(i, 6, 10, QLatin1Char('0'))
                        .arg(
                            concert.value(QStringLiteral("provider_event_id")).toString(),
                            concert.value(QStringLiteral("artist")).toObject().value(QStringLiteral("uri")).toString());
                const QByteArray json = QJsonDocument(concert).toJson(QJsonDocument::Compact);
                if (auto inserted = insert.value().execute({queryId,
                                                            key,
                                                            concert.value(QStringLiteral("local_date")).toString(),
                                                            QString::fromUtf8(json)});
                    !inserted) {
                    return inserted;
                }
            }
        }
        QJsonObject home = answer.value(QStringLiteral("home")).toObject();
        home.insert(QStringLiteral("searched_radius_km"), answer.value(QStringLiteral("radius_km")));
        return database.exec(
            "INSERT INTO cache_metadata (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value",
            {QString::fromLatin1(kHomeKey), QString::fromUtf8(QJsonDocument(home).toJson(QJsonDocument::Compact))});
    });
}

Result<std::optional<HouseholdConcerts>> loadHouseholdConcerts(SqliteDatabase &database, qint64 householdId)
{
    auto select = database.prepare(
        "SELECT q.fetched_at_ms, e.event_json FROM concert_queries q LEFT JOIN concert_events e ON e.query_id = q.id "
        "WHERE q.query_key = ?1 ORDER BY e.local_date, e.provider_event_id");
    if (!select) {
        return select.error();
    }
    const auto rows = select.value().query({queryKey(householdId)});
    if (!rows) {
        return rows.error();
    }
    if (rows.value().isEmpty()) {
        return std::optional<HouseholdConcerts>();
    }
    QJsonArray concerts;
    qint64 receivedAtMs = 0;
    for (const QVariantList &row : rows.value()) {
        receivedAtMs = std::max(receivedAtMs, row.at(0).toLongLong());
        if (!row.at(1).isNull()) {
            concerts.append(QJsonDocument::fromJson(row.at(1).toString().toUtf8()).object());
        }
    }
    auto home = database.prepare("SELECT value FROM cache_metadata WHERE key = ?1");
    if (!home) {
        return home.error();
    }
    const auto homeRows = home.value().query({QString::fromLatin1(kHomeKey)});
    if (!homeRows) {
        return homeRows.error();
    }
    QJsonObject answer{{QStringLiteral("concerts"), concerts}};
    if (!homeRows.value().isEmpty()) {
        const QJsonObject stored =
            QJsonDocument::fromJson(homeRows.value().constFirst().at(0).toString().toUtf8()).object();
        answer.insert(QStringLiteral("home"), stored);
        answer.insert(QStringLiteral("radius_km"), stored.value(QStringLiteral("searched_radius_km")));
    }
    auto parsed = parseHouseholdConcerts(answer, receivedAtMs);
    if (!parsed) {
        return parsed.error();
    }
    return std::optional<HouseholdConcerts>(parsed.value());
}

} // namespace engine
