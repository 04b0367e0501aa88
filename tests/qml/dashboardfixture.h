#pragma once

#include "engine/store/store.h"

#include <QDateTime>
#include <QString>

// A small hand-made history for the dashboard tests: two artists, three tracks, plays at known moments relative
// to now (so the period presets select known plays). Recent: 3 plays of "Near Song" (Artist A) two days ago and
// 1 of "Other Song" (Artist B) three days ago; older: 4 plays of "Old Song" (Artist B) 400 days ago and a 10 s
// skip of it.
inline engine::Result<void> writeDashboardFixture(engine::SqliteDatabase &database)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    constexpr qint64 Day = 86'400'000;
    return database.transaction([&]() -> engine::Result<void> {
        const QList<QPair<QByteArray, QVariantList>> statements{
            {"INSERT INTO artists (id, spotify_id, name, name_key, updated_at_ms) VALUES (1, 'a1', 'Artist A', 'artist "
             "a', 0)",
             {}},
            {"INSERT INTO artists (id, spotify_id, name, name_key, updated_at_ms) VALUES (2, 'a2', 'Artist B', 'artist "
             "b', 0)",
             {}},
            {"INSERT INTO tracks (id, spotify_id, name, name_key, duration_ms, updated_at_ms) VALUES (1, 't1', 'Near "
             "Song', 'near song', 200000, 0)",
             {}},
            {"INSERT INTO tracks (id, spotify_id, name, name_key, duration_ms, updated_at_ms) VALUES (2, 't2', 'Other "
             "Song', 'other song', 180000, 0)",
             {}},
            {"INSERT INTO tracks (id, spotify_id, name, name_key, duration_ms, updated_at_ms) VALUES (3, 't3', 'Old "
             "Song', 'old song', 240000, 0)",
             {}},
            {"INSERT INTO track_artists VALUES (1, 0, 1)", {}},
            {"INSERT INTO track_artists VALUES (2, 0, 2)", {}},
            {"INSERT INTO track_artists VALUES (3, 0, 2)", {}},
        };
        for (const auto &[sql, values] : statements) {
            if (auto done = database.exec(sql, values); !done) {
                return done;
            }
        }
        const auto play = [&](int track, qint64 at, qint64 ms) {
            return database.exec(
                "INSERT INTO plays (track_id, played_at_ms, ms_played, source) VALUES (?1, ?2, ?3, 'imported')",
                {track, at, ms});
        };
        for (int i = 0; i < 3; ++i) {
            if (auto done = play(1, now - 2 * Day + i * 600'000, 200'000); !done) {
                return done;
            }
        }
        if (auto done = play(2, now - 3 * Day, 180'000); !done) {
            return done;
        }
        for (int i = 0; i < 4; ++i) {
            if (auto done = play(3, now - 400 * Day + i * 600'000, 240'000); !done) {
                return done;
            }
        }
        return play(3, now - 400 * Day + 5 * 600'000, 10'000);
    });
}
