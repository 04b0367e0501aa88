#pragma once

// Shows added to the fakes' standard catalogue for the concerts tests: copies of a catalogue event of an act,
// moved to a Berlin venue and to the dates a test needs (the standard catalogue's dates are fixed in 2026).

#include "tests/support/concerts/concertcatalogue.h"

#include <QTimeZone>

#include <optional>

namespace concerttests
{

// The first catalogue event headlined by `act`, at the venue of the first Berlin event, on `date` at 20:00
// Berlin time; listed on Ticketmaster only (a European show) under `ticketmasterId`.
inline std::optional<testsupport::FakeConcert> berlinShow(const testsupport::FakeConcertCatalogue &catalogue,
                                                          const QString &act,
                                                          QDate date,
                                                          const QString &ticketmasterId)
{
    std::optional<testsupport::FakeConcert> show;
    std::optional<testsupport::FakeConcertVenue> berlin;
    for (const testsupport::FakeConcert &concert : catalogue.concerts()) {
        if (!show && !concert.performers.isEmpty() && concert.performers.first().name == act) {
            show = concert;
        }
        if (!berlin && concert.venue.city == QLatin1String("Berlin")) {
            berlin = concert.venue;
        }
    }
    if (!show || !berlin) {
        return std::nullopt;
    }
    show->ticketmasterId = ticketmasterId;
    show->seatGeekId = 0;
    show->status = QStringLiteral("onsale");
    show->venue = *berlin;
    show->localDate = date;
    show->localTime = QTime(20, 0);
    show->startUtc = QDateTime(date, QTime(20, 0), QTimeZone("Europe/Berlin")).toUTC();
    show->ticketmasterUrl = QStringLiteral("https://www.ticketmaster.example/event/") + ticketmasterId;
    return show;
}

} // namespace concerttests
