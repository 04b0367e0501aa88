#include "tests/bench/support/syntheticcache.h"

#include "engine/import/historyimporter.h"
#include "tests/bench/exportgenerator.h"

#include <QDate>
#include <QHash>
#include <QTemporaryDir>

#include <map>
#include <vector>

namespace engine
{

namespace
{

constexpr quint64 Seed = 20240601;
const QString TrackUriPrefix = QStringLiteral("spotify:track:");

// Release dates, tags and top-list snapshots of the catalogue, for the artists and albums the import stored.
// The import's ids are found through the tracks: each stored track names its catalogue artist and album.
Result<void> addCatalogueMetadata(SqliteDatabase &database, const SyntheticCatalogue &catalogue)
{
    QHash<QString, std::size_t> trackByUri;
    trackByUri.reserve(qsizetype(catalogue.tracks.size()));
    for (std::size_t i = 0; i < catalogue.tracks.size(); ++i) {
        trackByUri.insert(catalogue.tracks[i].uri, i);
    }
    return database.transaction([&]() -> Result<void> {
        auto stored = database.prepare("SELECT t.spotify_id, ta.artist_id, t.album_id FROM tracks t "
                                       "JOIN track_artists ta ON ta.track_id = t.id AND ta.position = 0");
        if (!stored) {
            return stored.error();
        }
        std::vector<qint64> artistIds(catalogue.artists.size(), 0);
        std::map<qint64, int> albumYears;
        while (true) {
            const auto row = stored.value().step();
            if (!row) {
                return row.error();
            }
            if (!row.value()) {
                break;
            }
            const auto track = trackByUri.constFind(TrackUriPrefix + stored.value().column(0).toString());
            if (track == trackByUri.cend()) {
                continue;
            }
            const SyntheticCatalogue::Track &info = catalogue.tracks[track.value()];
            artistIds[info.artist] = stored.value().columnInt64(1);
            if (!stored.value().isNull(2)) {
                albumYears[stored.value().columnInt64(2)] = catalogue.artists[info.artist].albumYears[info.album];
            }
        }
        if (albumYears.empty()) {
            return Error{Error::Code::Internal,
                         QStringLiteral("none of the imported tracks is in the synthetic catalogue")};
        }

        SqliteStatement album, tag, artistTag, snapshot, snapshotItem;
        if (auto prepared = database.prepareAll({
                {&album, "UPDATE albums SET release_date = ?2, release_date_precision = 'day' WHERE id = ?1"},
                {&tag, "INSERT INTO tags (id, name) VALUES (?1, ?2)"},
                {&artistTag, "INSERT INTO artist_tags (artist_id, tag_id, votes) VALUES (?1, ?2, ?3)"},
                {&snapshot,
                 "INSERT INTO top_snapshots (kind, time_range, taken_on, taken_at_ms) "
                 "VALUES ('artists', 'short_term', ?1, 0)"},
                {&snapshotItem, "INSERT INTO top_snapshot_items (snapshot_id, rank, artist_id) VALUES (?1, ?2, ?3)"},
            });
            !prepared) {
            return prepared;
        }
        for (const auto &[id, year] : albumYears) {
            if (auto done = album.execute({id, QStringLiteral("%1-06-01").arg(year)}); !done) {
                return done;
            }
        }
        for (int t = 1; t <= SyntheticCatalogue::TagCount; ++t) {
            if (auto done = tag.execute({t, SyntheticCatalogue::tagName(t)}); !done) {
                return done;
            }
        }
        for (std::size_t a = 0; a < catalogue.artists.size(); ++a) {
            for (const auto &[tagNumber, votes] : catalogue.artists[a].tags) {
                if (artistIds[a] == 0) {
                    break;
                }
                if (auto done = artistTag.execute({artistIds[a], tagNumber, votes}); !done) {
                    return done;
                }
            }
        }
        // Spotify's short-term list moves slowly through the most played artists, a little every week.
        const std::size_t topPool = std::min<std::size_t>(400, catalogue.artists.size());
        for (int d = 0; d < 365; ++d) {
            if (auto done = snapshot.execute({QDate(2024, 1, 1).addDays(d).toString(Qt::ISODate)}); !done) {
                return done;
            }
            const auto id = database.scalar("SELECT last_insert_rowid()");
            if (!id) {
                return id.error();
            }
            int rank = 0;
            for (int r = 1; r <= 50; ++r) {
                const qint64 artistId = artistIds[std::size_t(r * 31 + d / 7) % topPool];
                if (artistId == 0) {
                    continue;
                }
                if (auto done = snapshotItem.execute({id.value(), ++rank, artistId}); !done) {
                    return done;
                }
            }
        }
        return {};
    });
}

} // namespace

Result<void> generateSyntheticHistory(SqliteDatabase &database, qint64 plays)
{
    if (plays <= 0) {
        return {};
    }
    {
        QTemporaryDir exportDir;
        if (!exportDir.isValid()) {
            return Error{
                Error::Code::Io,
                QStringLiteral("could not create a folder for the synthetic export: %1").arg(exportDir.errorString())};
        }
        ExportGeneratorOptions options;
        options.plays = plays;
        options.seed = Seed;
        QString error;
        const QStringList files = generateExport(exportDir.path(), options, &error);
        if (files.isEmpty()) {
            return Error{Error::Code::Io, QStringLiteral("could not write the synthetic export: %1").arg(error)};
        }
        HistoryImporter importer(database, ImportOptions{});
        const auto report = importer.run(files);
        if (!report) {
            return report.error();
        }
        if (report.value().failedFiles() > 0) {
            return Error{Error::Code::Internal,
                         QStringLiteral("the synthetic export did not import:\n%1").arg(toText(report.value()))};
        }
    }
    return addCatalogueMetadata(database, SyntheticCatalogue::make(plays, Seed));
}

} // namespace engine
