#pragma once

#include "engine/model/result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTime>
#include <QUrl>

#include <optional>

namespace engine
{

struct GeoPoint {
    double latitude = 0.0;
    double longitude = 0.0;

    friend bool operator==(const GeoPoint &, const GeoPoint &) = default;
};

// One act on an event's bill, as the provider lists it. spotifyId is what the provider links the act to
// (Ticketmaster's externalLinks), empty when it does not.
struct ConcertPerformer {
    QString name;
    QString providerId; // Ticketmaster attraction id, SeatGeek performer id
    QString spotifyId;

    friend bool operator==(const ConcertPerformer &, const ConcertPerformer &) = default;
};

// A show as TuneScout keeps it, whichever provider listed it. Everything but provider and providerEventId may
// be missing: providers leave out what they do not know (a time "to be announced", a venue without
// coordinates).
struct ConcertEvent {
    QString provider; // "ticketmaster" or "seatgeek"
    QString providerEventId;
    QString name;
    QList<ConcertPerformer> performers; // headliner first
    QDate localDate;
    QTime localTime; // invalid when the provider gives no time
    QDateTime startUtc; // invalid when unknown
    QString timeZone; // IANA name, empty when unknown
    QString status; // the provider's word: onsale, offsale, cancelled, postponed, rescheduled, normal …
    QString venueName;
    QString venueId;
    QString city;
    QString countryCode;
    QString countryName;
    std::optional<GeoPoint> location;
    QUrl ticketUrl;

    bool isCancelled() const;
    friend bool operator==(const ConcertEvent &, const ConcertEvent &) = default;
};

// What the cache stores and `tunescout-cli concerts --json` prints; fromJson reads back what toJson wrote.
QJsonObject concertEventToJson(const ConcertEvent &event);
Result<ConcertEvent> concertEventFromJson(const QJsonObject &object);

} // namespace engine
