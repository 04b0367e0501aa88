#pragma once

// Household picks: this device's own plays folded into the household hub's model (HubModel), on this computer,
// scored against every track the household's model knows. What the user played, hid or set aside ("not now")
// is left out by the rules the Discover ranker uses (FeedbackState), as is anything by a hidden artist; skips of
// an artist's tracks lower the artist's picks, as they lower its tracks elsewhere on the page; and no artist gets
// more than the per-artist cap — with the artists of the cache, or for a track the cache does not know, those the
// hub sent with the household's tracks.

#include "engine/hubclient/hubmodel.h"
#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace engine
{

struct HouseholdPicksOptions {
    qint64 nowMs = 0; // for "not now", which expires
    int limit = 20;
    int perArtistCap = 2; // tracks per artist (0: no cap), where the cache or the hub knows the artist
    QString memberName; // this device's member: not named among who plays a pick
};

struct HouseholdPick {
    QString trackUri;
    QString trackName;
    // The first artist, the cache's or else the hub's; the URI is empty when neither knows it, the name when
    // neither knows the artist.
    QString artistUri;
    QString artistName;
    QString albumName;
    float score = 0;
    QStringList playedBy; // the other members who played it, most plays first; empty when none of them did
};

struct HouseholdPicks {
    QList<HouseholdPick> items;
    qint64 modelVersion = 0;
    int playedInModel = 0; // the user's tracks the model knows: 0 means there was nothing to fold in
};

// Folds in the cache's plays (by track URI, the hub's item ids) with the model's ALS options and ranks the
// model's other tracks. A track is listed only when it has a name: the cache's, or the household's from the
// model (a track only other households played stays out).
Result<HouseholdPicks>
householdPicks(SqliteDatabase &database, const HubModel &model, const HouseholdPicksOptions &options);

} // namespace engine
