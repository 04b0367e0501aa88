#include "tests/bench/support/syntheticcache.h"

#include <QDateTime>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <vector>

namespace engine
{

namespace
{

// Zipf-like index in [0, n): a few artists and tracks get most of the plays, as in a real history.
class PowerLaw
{
public:
    PowerLaw(int n, double exponent)
    {
        m_cumulative.reserve(std::size_t(n));
        double sum = 0;
        for (int i = 1; i <= n; ++i) {
            sum += 1.0 / std::pow(i, exponent);
            m_cumulative.push_back(sum);
        }
    }
    int pick(std::mt19937_64 &random) const
    {
        const double x = std::uniform_real_distribution<double>(0, m_cumulative.back())(random);
        return int(std::lower_bound(m_cumulative.begin(), m_cumulative.end(), x) - m_cumulative.begin());
    }

private:
    std::vector<double> m_cumulative;
};

} // namespace

Result<void> generateSyntheticHistory(SqliteDatabase &database, qint64 plays)
{
    constexpr int Artists = 8000;
    constexpr int TracksPerArtist = 12;
    constexpr int AlbumsPerArtist = 2;
    constexpr int Tags = 60;
    std::mt19937_64 random(20240401);
    return database.transaction([&]() -> Result<void> {
        SqliteStatement artist, album, albumArtist, track, trackArtist, tag, artistTag, play;
        if (auto prepared = database.prepareAll({
                {&artist,
                 "INSERT INTO artists (id, spotify_id, name, name_key, updated_at_ms) VALUES (?1, ?2, ?3, ?3, 0)"},
                {&album,
                 "INSERT INTO albums (id, spotify_id, name, release_date, updated_at_ms) VALUES (?1, ?2, ?3, ?4, 0)"},
                {&albumArtist, "INSERT INTO album_artists VALUES (?1, 0, ?2)"},
                {&track,
                 "INSERT INTO tracks (id, spotify_id, name, name_key, album_id, duration_ms, updated_at_ms) "
                 "VALUES (?1, ?2, ?3, ?3, ?4, ?5, 0)"},
                {&trackArtist, "INSERT INTO track_artists VALUES (?1, ?2, ?3)"},
                {&tag, "INSERT INTO tags VALUES (?1, ?2)"},
                {&artistTag, "INSERT INTO artist_tags VALUES (?1, ?2, ?3)"},
                {&play,
                 "INSERT OR IGNORE INTO plays (track_id, played_at_ms, ms_played, source, skipped, shuffle, "
                 "offline, reason_end, platform) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
            });
            !prepared) {
            return prepared;
        }
        for (int t = 1; t <= Tags; ++t) {
            if (auto done = tag.execute({t, QStringLiteral("tag %1").arg(t)}); !done) {
                return done;
            }
        }
        for (int a = 1; a <= Artists; ++a) {
            const QVariant spotifyId = a % 10 == 0 ? QVariant() : QVariant(QStringLiteral("artist%1").arg(a));
            if (auto done = artist.execute({a, spotifyId, QStringLiteral("Artist %1").arg(a)}); !done) {
                return done;
            }
            for (int k = 0; k < 3 && a % 5 != 0; ++k) {
                if (auto done = artistTag.execute({a, 1 + (a * 7 + k * 13) % Tags, 1 + k}); !done) {
                    return done;
                }
            }
            for (int b = 0; b < AlbumsPerArtist; ++b) {
                const int id = (a - 1) * AlbumsPerArtist + b + 1;
                const int year = 1960 + int(random() % 64);
                if (auto done = album.execute({id,
                                               QStringLiteral("album%1").arg(id),
                                               QStringLiteral("Album %1").arg(id),
                                               QStringLiteral("%1-06-01").arg(year)});
                    !done) {
                    return done;
                }
                if (auto done = albumArtist.execute({id, a}); !done) {
                    return done;
                }
            }
            for (int k = 0; k < TracksPerArtist; ++k) {
                const int id = (a - 1) * TracksPerArtist + k + 1;
                const int albumId = (a - 1) * AlbumsPerArtist + k % AlbumsPerArtist + 1;
                if (auto done = track.execute({id,
                                               QStringLiteral("track%1").arg(id),
                                               QStringLiteral("Track %1").arg(id),
                                               albumId,
                                               150000 + int(random() % 150000)});
                    !done) {
                    return done;
                }
                if (auto done = trackArtist.execute({id, 0, a}); !done) {
                    return done;
                }
                // Every seventh track features the previous artist.
                if (id % 7 == 0 && a > 1) {
                    if (auto done = trackArtist.execute({id, 1, a - 1}); !done) {
                        return done;
                    }
                }
            }
        }

        const PowerLaw artists(Artists, 1.1);
        const PowerLaw tracks(TracksPerArtist, 0.8);
        // More listening in the evening than at night.
        const std::array<int, 24> hourWeights{1, 1, 1, 1, 1, 1, 2, 4, 6, 5, 4, 4, 5, 5, 4, 4, 5, 6, 7, 8, 8, 7, 5, 2};
        std::discrete_distribution<int> hours(hourWeights.begin(), hourWeights.end());
        const QStringList platforms{QStringLiteral("Android OS 9 API 28 (samsung, SM-G960F)"),
                                    QStringLiteral("iOS 14.4 (iPhone12,1)"),
                                    QStringLiteral("Windows 10 (10.0.19042; x64)"),
                                    QStringLiteral("OS X 10.15.7 [x86 8]"),
                                    QStringLiteral("web_player linux ;chrome 87;desktop"),
                                    QStringLiteral("Partner sonos_one Sonos;One;"),
                                    QStringLiteral("android"),
                                    QStringLiteral("ios")};
        const qint64 start = QDateTime(QDate(2005, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const qint64 days = 20 * 365;
        for (qint64 i = 0; i < plays; ++i) {
            const int a = artists.pick(random);
            const int trackId = a * TracksPerArtist + tracks.pick(random) + 1;
            const qint64 day = qint64(random() % quint64(days));
            const qint64 at =
                start + day * 86'400'000 + qint64(hours(random)) * 3'600'000 + qint64(random() % 3'600'000);
            const bool polled = i % 10 == 0;
            const bool skip = random() % 100 < 22;
            const QVariant ms =
                polled ? QVariant() : QVariant(skip ? qint64(random() % 30000) : 30000 + qint64(random() % 240000));
            if (auto done = play.execute(
                    {trackId,
                     at,
                     ms,
                     polled ? QStringLiteral("polled") : QStringLiteral("imported"),
                     polled ? QVariant() : QVariant(skip ? 1 : 0),
                     polled ? QVariant() : QVariant(int(random() % 2)),
                     polled ? QVariant() : QVariant(int(random() % 20 == 0)),
                     polled ? QVariant() : QVariant(skip ? QStringLiteral("fwdbtn") : QStringLiteral("trackdone")),
                     polled ? QVariant() : QVariant(platforms.at(qsizetype(random() % 8)))});
                !done) {
                return done;
            }
        }
        // A year of daily Spotify top-50 snapshots.
        for (int d = 0; d < 365; ++d) {
            const QString date = QDate(2024, 1, 1).addDays(d).toString(Qt::ISODate);
            if (auto done = database.exec("INSERT INTO top_snapshots (kind, time_range, taken_on, taken_at_ms) "
                                          "VALUES ('artists', 'short_term', ?1, 0)",
                                          {date});
                !done) {
                return done;
            }
            const auto id = database.scalar("SELECT last_insert_rowid()");
            if (!id) {
                return id.error();
            }
            for (int r = 1; r <= 50; ++r) {
                if (auto done = database.exec("INSERT INTO top_snapshot_items (snapshot_id, rank, artist_id) "
                                              "VALUES (?1, ?2, ?3)",
                                              {id.value(), r, 1 + (r * 31 + d / 7) % 400});
                    !done) {
                    return done;
                }
            }
        }
        return {};
    });
}

} // namespace engine
