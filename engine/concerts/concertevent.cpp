#include "engine/concerts/concertevent.h"

#include <QJsonArray>

namespace engine
{

bool ConcertEvent::isCancelled() const
{
    // The swagger spells it "canceled", the live Ticketmaster API and SeatGeek "cancelled".
    return status == QLatin1String("cancelled") || status == QLatin1String("canceled");
}

namespace
{

void putText(QJsonObject &object, const char *key, const QString &value)
{
    if (!value.isEmpty()) {
        object.insert(QLatin1String(key), value);
    }
}

} // namespace

QJsonObject concertEventToJson(const ConcertEvent &event)
{
    QJsonObject object;
    putText(object, "provider", event.provider);
    putText(object, "provider_event_id", event.providerEventId);
    putText(object, "name", event.name);
    QJsonArray performers;
    for (const ConcertPerformer &performer : event.performers) {
        QJsonObject entry;
        putText(entry, "name", performer.name);
        putText(entry, "provider_id", performer.providerId);
        putText(entry, "spotify_id", performer.spotifyId);
        performers.append(entry);
    }
    object.insert(QStringLiteral("performers"), performers);
    if (event.localDate.isValid()) {
        object.insert(QStringLiteral("local_date"), event.localDate.toString(Qt::ISODate));
    }
    if (event.localTime.isValid()) {
        object.insert(QStringLiteral("local_time"), event.localTime.toString(QStringLiteral("HH:mm")));
    }
    if (event.startUtc.isValid()) {
        object.insert(QStringLiteral("start_utc"), event.startUtc.toUTC().toString(Qt::ISODate));
    }
    putText(object, "time_zone", event.timeZone);
    putText(object, "status", event.status);
    putText(object, "venue", event.venueName);
    putText(object, "venue_id", event.venueId);
    putText(object, "city", event.city);
    putText(object, "country_code", event.countryCode);
    putText(object, "country", event.countryName);
    if (event.location) {
        object.insert(QStringLiteral("latitude"), event.location->latitude);
        object.insert(QStringLiteral("longitude"), event.location->longitude);
    }
    if (event.ticketUrl.isValid()) {
        object.insert(QStringLiteral("ticket_url"), event.ticketUrl.toString());
    }
    return object;
}

Result<ConcertEvent> concertEventFromJson(const QJsonObject &object)
{
    ConcertEvent event;
    event.provider = object.value(QStringLiteral("provider")).toString();
    event.providerEventId = object.value(QStringLiteral("provider_event_id")).toString();
    if (event.provider.isEmpty() || event.providerEventId.isEmpty()) {
        return Error{Error::Code::Corrupt, QStringLiteral("A cached concert has no provider or event id.")};
    }
    event.name = object.value(QStringLiteral("name")).toString();
    const QJsonArray performers = object.value(QStringLiteral("performers")).toArray();
    for (const QJsonValue &value : performers) {
        const QJsonObject entry = value.toObject();
        event.performers.append(ConcertPerformer{entry.value(QStringLiteral("name")).toString(),
                                                 entry.value(QStringLiteral("provider_id")).toString(),
                                                 entry.value(QStringLiteral("spotify_id")).toString()});
    }
    event.localDate = QDate::fromString(object.value(QStringLiteral("local_date")).toString(), Qt::ISODate);
    event.localTime = QTime::fromString(object.value(QStringLiteral("local_time")).toString(), QStringLiteral("HH:mm"));
    event.startUtc = QDateTime::fromString(object.value(QStringLiteral("start_utc")).toString(), Qt::ISODate);
    event.timeZone = object.value(QStringLiteral("time_zone")).toString();
    event.status = object.value(QStringLiteral("status")).toString();
    event.venueName = object.value(QStringLiteral("venue")).toString();
    event.venueId = object.value(QStringLiteral("venue_id")).toString();
    event.city = object.value(QStringLiteral("city")).toString();
    event.countryCode = object.value(QStringLiteral("country_code")).toString();
    event.countryName = object.value(QStringLiteral("country")).toString();
    if (object.contains(QStringLiteral("latitude")) && object.contains(QStringLiteral("longitude"))) {
        event.location = GeoPoint{object.value(QStringLiteral("latitude")).toDouble(),
                                  object.value(QStringLiteral("longitude")).toDouble()};
    }
    if (const QString url = object.value(QStringLiteral("ticket_url")).toString(); !url.isEmpty()) {
        event.ticketUrl = QUrl(url);
    }
    return event;
}

} // namespace engine
