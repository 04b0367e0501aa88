#include "engine/stats/itemhistory.h"

#include <algorithm>
#include <vector>

namespace engine
{

namespace
{

QDate monthOf(QDate date)
{
    return QDate(date.year(), date.month(), 1);
}

QStringList namesOf(const PlaySnapshot &snapshot, const std::vector<qint32> &artists)
{
    QStringList names;
    for (const qint32 artist : artists) {
        names.append(snapshot.artists()[artist].name);
    }
    return names;
}

} // namespace

std::optional<ItemHistory> itemHistory(const PlaySnapshot &snapshot, TopKind kind, qint64 id, TimeRange range)
{
    ItemHistory history;
    history.kind = kind;
    history.id = id;
    const auto &tracks = snapshot.tracks();
    // Which tracks belong to the item: the item itself, or every track crediting the artist or on the album.
    std::vector<char> member(tracks.size(), 0);
    bool found = false;
    switch (kind) {
    case TopKind::Tracks:
        for (std::size_t t = 0; t < tracks.size(); ++t) {
            if (tracks[t].id == id) {
                member[t] = 1;
                found = true;
                history.name = tracks[t].name;
                history.artistNames = namesOf(snapshot, tracks[t].artists);
                history.albumName = tracks[t].album >= 0 ? snapshot.albums()[tracks[t].album].name : QString();
                break;
            }
        }
        break;
    case TopKind::Artists: {
        const auto &artists = snapshot.artists();
        const auto artist = std::find_if(artists.begin(), artists.end(), [id](const auto &a) {
            return a.id == id;
        });
        if (artist == artists.end()) {
            break;
        }
        found = true;
        history.name = artist->name;
        const auto index = qint32(artist - artists.begin());
        for (std::size_t t = 0; t < tracks.size(); ++t) {
            const auto &credits = tracks[t].artists;
            member[t] = std::find(credits.begin(), credits.end(), index) != credits.end();
        }
        break;
    }
    case TopKind::Albums: {
        const auto &albums = snapshot.albums();
        const auto album = std::find_if(albums.begin(), albums.end(), [id](const auto &a) {
            return a.id == id;
        });
        if (album == albums.end()) {
            break;
        }
        found = true;
        history.name = album->name;
        history.artistNames = namesOf(snapshot, album->artists);
        const auto index = qint32(album - albums.begin());
        for (std::size_t t = 0; t < tracks.size(); ++t) {
            member[t] = tracks[t].album == index;
        }
        break;
    }
    }
    if (!found) {
        return std::nullopt;
    }

    for (const auto &row : snapshot.rowsBetween(range.fromMs, range.toMs)) {
        if (!member[row.track]) {
            continue;
        }
        ++history.rows;
        if (row.has(PlaySnapshot::Skip)) {
            ++history.skips;
        }
        if (!row.has(PlaySnapshot::Counted)) {
            continue;
        }
        ++history.plays;
        history.msPlayed += row.msPlayed;
        if (!history.firstPlayedAtMs) {
            history.firstPlayedAtMs = row.playedAtMs;
        }
        history.lastPlayedAtMs = row.playedAtMs;
        // Rows are in time order, so the month list grows at its end only.
        const QDate month = monthOf(PlaySnapshot::dateOfDay(row.localDay));
        if (history.months.isEmpty()) {
            history.months.append({month, 0, 0});
        }
        while (history.months.constLast().start < month) {
            history.months.append({history.months.constLast().start.addMonths(1), 0, 0});
        }
        ++history.months.last().plays;
        history.months.last().msPlayed += row.msPlayed;
    }
    return history;
}

} // namespace engine
