#pragma once

#include "app/core/clientconfig.h"

struct ConcertsCommandOptions {
    QString near; // --near CITY|LAT,LON; empty: concerts/near from the settings
    QString radiusKm; // --radius-km N; empty: concerts/radius_km, else 50
    QString icsPath; // --ics FILE: also write the shows as an iCalendar file
    bool json = false;
};

// `tunescout-cli concerts`: upcoming shows near a place of the user's artists (followed, top and most played
// in the cache), from Ticketmaster and SeatGeek with the configured keys, cached in the SQLite cache. Text
// output groups them by month and says why each is shown; --json prints them with the same fields.
int runConcerts(const ClientConfig &config, const ConcertsCommandOptions &options);
