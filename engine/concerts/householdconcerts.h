#pragma once

#include "engine/concerts/concertevent.h"
#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace engine
{

// A member of the household linked to a concert's artist (the hub's `who`).
struct HouseholdListener {
    qint64 memberId = 0;
    QString displayName;
    bool you = false; // the member this device belongs to
    bool follows = false;
    int topRank = 0; // among the member's long-term top artists; 0: not there
    qint64 plays = 0;
};

// One show of one of the household's artists, as the hub lists it (GET /api/v1/concerts).
struct HouseholdConcert {
    ConcertEvent event;
    QString artistUri;
    QString artistName;
    bool headliner = true;
    std::optional<double> distanceKm;
    qint64 fetchedAtMs = 0; // when the hub's refresh listed it
    bool stale = false; // the hub could not ask the provider again after the time-to-live
    QList<HouseholdListener> who;
};

struct HouseholdConcerts {
    QString homePlace; // the household's home, as the hub's admin set it; empty when unknown
    double radiusKm = 0;
    QList<HouseholdConcert> concerts; // by local date and time
    qint64 receivedAtMs = 0; // when this device got the answer from the hub
};

// Reads the hub's answer to GET /api/v1/concerts; an entry that cannot be read is an error naming its position.
Result<HouseholdConcerts> parseHouseholdConcerts(const QJsonObject &answer, qint64 receivedAtMs);

// The hub's answer in the client's concert cache (concert_queries and concert_events, one query per provider
// keyed "hub:household=<id>"), so that the Concerts page shows the household's shows offline with their age.
Result<void>
saveHouseholdConcerts(SqliteDatabase &database, qint64 householdId, const QJsonObject &answer, qint64 receivedAtMs);
// What the last saveHouseholdConcerts kept for the household; nothing when the hub was never asked.
Result<std::optional<HouseholdConcerts>> loadHouseholdConcerts(SqliteDatabase &database, qint64 householdId);

} // namespace engine
