#pragma once

// A small cache for the Discover page's tests, dated from the real clock (the app ranks for "now"): four artists
// with four tracks each; sessions a year ago pair A with B and C with D, C1 in most of the latter (a forgotten
// favourite); the last days hold plays of A2, B2 and B3, and A1 an hour ago.

#include "engine/model/result.h"
#include "engine/store/store.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

namespace discovertest
{

inline engine::Result<void> writeDiscoverFixture(const QString &dataDir)
{
    engine::Store::Outcome opened = engine::Store::open(dataDir);
    if (!opened.store) {
        return engine::Error{engine::Error::Code::Unavailable, opened.status.message};
    }
    engine::SqliteDatabase &db = opened.store->database();
    constexpr qint64 day = 24LL * 60 * 60 * 1000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QHash<QString, int> ids;
    int trackId = 0;
    for (int a = 0; a < 4; ++a) {
        const QString artist = QString(QChar(u'A' + a));
        auto done =
            db.exec("INSERT INTO artists (id, spotify_id, name, name_key, updated_at_ms) VALUES (?1, ?2, ?3, ?4, 0)",
                    {a + 1,
                     QString(QStringLiteral("artist") + artist),
                     QString(QStringLiteral("Artist ") + artist),
                     artist.toLower()});
        if (!done) {
            return done;
        }
        for (int t = 1; t <= 4; ++t) {
            const QString id = artist + QString::number(t);
            ids.insert(id, ++trackId);
            done =
                db.exec("INSERT INTO tracks (id, spotify_id, name, name_key, updated_at_ms) VALUES (?1, ?2, ?3, ?3, 0)",
                        {trackId, id, QString(QStringLiteral("Song ") + id)});
            if (done) {
                done = db.exec("INSERT INTO track_artists VALUES (?1, 0, ?2)", {trackId, a + 1});
            }
            if (!done) {
                return done;
            }
        }
    }
    const auto play = [&](const QString &id, qint64 at) {
        return db.exec(
            "INSERT INTO plays (track_id, played_at_ms, ms_played, source) VALUES (?1, ?2, 200000, 'imported')",
            {ids.value(id), at});
    };
    qint64 at = now - 365 * day;
    for (int s = 0; s < 30; ++s) {
        const QStringList group = s % 2 == 0 ? QStringList{QStringLiteral("A%1").arg(s % 4 + 1),
                                                           QStringLiteral("B%1").arg((s / 2) % 4 + 1),
                                                           QStringLiteral("A%1").arg((s + 1) % 4 + 1),
                                                           QStringLiteral("B%1").arg((s / 2 + 1) % 4 + 1)}
                                             : QStringList{QStringLiteral("C1"),
                                                           QStringLiteral("D%1").arg((s / 2) % 4 + 1),
                                                           QStringLiteral("C%1").arg((s / 2) % 3 + 2),
                                                           QStringLiteral("D%1").arg((s / 2 + 1) % 4 + 1)};
        for (const QString &id : group) {
            if (auto done = play(id, at); !done) {
                return done;
            }
            at += 4 * 60 * 1000;
        }
        at += day;
    }
    for (int d = 3; d <= 6; ++d) {
        for (const auto &[id, offset] :
             {std::pair{QStringLiteral("A2"), 0}, {QStringLiteral("B2"), 4}, {QStringLiteral("B3"), 8}}) {
            if (auto done = play(id, now - d * day + offset * 60 * 1000); !done) {
                return done;
            }
        }
    }
    return play(QStringLiteral("A1"), now - 60 * 60 * 1000);
}

} // namespace discovertest
