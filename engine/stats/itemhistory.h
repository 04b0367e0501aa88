#pragma once

#include "engine/stats/statistics.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One artist's, track's or album's own history, for the detail view a dashboard opens from any list.
namespace engine
{

struct ItemHistory {
    TopKind kind = TopKind::Artists;
    qint64 id = 0; // the row id in artists, tracks or albums
    QString name;
    QStringList artistNames; // tracks and albums
    QString albumName; // tracks
    qint64 plays = 0; // counted plays in the range, as everywhere
    qint64 msPlayed = 0;
    qint64 rows = 0; // every row, short ones included
    qint64 skips = 0;
    std::optional<qint64> firstPlayedAtMs; // first and last counted play in the range
    std::optional<qint64> lastPlayedAtMs;
    // Counted plays per calendar month, from the month of the first counted play to that of the last, empty
    // months included.
    QList<PeriodTotal> months;

    double skipRate() const
    {
        return rows > 0 ? double(skips) / double(rows) : 0.0;
    }
};

// nullopt when the snapshot holds no such item. An artist's history covers every track crediting it.
std::optional<ItemHistory> itemHistory(const PlaySnapshot &snapshot, TopKind kind, qint64 id, TimeRange range);

} // namespace engine
