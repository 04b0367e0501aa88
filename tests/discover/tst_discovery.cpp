// engine/discover on a small hand-built cache: candidates, exclusions, feedback and its effect on the ranking.

#include "engine/discover/discovery.h"
#include "engine/discover/feedbackrepository.h"
#include "engine/store/outboxrepository.h"
#include "engine/store/store.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace engine;

namespace
{

template<typename T>
QByteArray why(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

constexpr qint64 kDay = 24LL * 60 * 60 * 1000;
constexpr qint64 kNow = 1'717'200'000'000; // 2024-06-01
constexpr qint64 kYearAgo = kNow - 365 * kDay;

QString trackUri(const QString &id)
{
    return QStringLiteral("spotify:track:") + id;
}

// Four artists, four tracks each: A and B are played together in sessions, C and D together in others. C1 is a
// forgotten favourite (many plays, all a year ago); A1 was played an hour ago; the last days' plays are of A and B.
class Cache
{
public:
    Cache()
    {
        auto opened = Store::open(m_dir.path());
        m_store = std::move(opened.store);
    }

    bool ok() const
    {
        return m_store != nullptr;
    }
    SqliteDatabase &db()
    {
        return m_store->database();
    }

    void exec(const QByteArray &sql, const QVariantList &parameters = {})
    {
        const auto done = db().exec(sql, parameters);
        QVERIFY2(done, why(done).constData());
    }

    void build()
    {
        int trackId = 0;
        for (int a = 0; a < 4; ++a) {
            const QString artist = QString(QChar('A' + a));
            exec("INSERT INTO artists (id, spotify_id, name, name_key, updated_at_ms) VALUES (?1, ?2, ?3, ?4, 0)",
                 {a + 1,
                  QString(QStringLiteral("artist") + artist),
                  QString(QStringLiteral("Artist ") + artist),
                  artist.toLower()});
            for (int t = 1; t <= 4; ++t) {
                ++trackId;
                const QString id = artist + QString::number(t);
                exec("INSERT INTO tracks (id, spotify_id, name, name_key, updated_at_ms) VALUES (?1, ?2, ?3, ?3, 0)",
                     {trackId, id, QString(QStringLiteral("Song ") + id)});
                exec("INSERT INTO track_artists VALUES (?1, 0, ?2)", {trackId, a + 1});
                m_ids.insert(id, trackId);
            }
        }
        // Sessions a year ago, one a day: A+B together, C+D together (C1 in most of them).
        qint64 at = kYearAgo;
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
                play(id, at);
                at += 4 * 60 * 1000;
            }
            at += kDay;
        }
        // The last days: A and B again, and A1 an hour ago.
        for (int d = 3; d <= 6; ++d) {
            play(QStringLiteral("A2"), kNow - d * kDay);
            play(QStringLiteral("B2"), kNow - d * kDay + 4 * 60 * 1000);
            play(QStringLiteral("B3"), kNow - d * kDay + 8 * 60 * 1000);
        }
        play(QStringLiteral("A1"), kNow - 60 * 60 * 1000);
    }

    void play(const QString &id, qint64 at)
    {
        exec("INSERT INTO plays (track_id, played_at_ms, ms_played, source) VALUES (?1, ?2, 200000, 'imported')",
             {m_ids.value(id), at});
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QHash<QString, int> m_ids;
};

DiscoverOptions options(qint64 now = kNow)
{
    DiscoverOptions o;
    o.nowMs = now;
    o.limit = 16;
    return o;
}

QStringList uris(const QList<DiscoverItem> &items)
{
    QStringList out;
    for (const DiscoverItem &item : items) {
        out.append(item.trackUri);
    }
    return out;
}

QStringList allUris(const DiscoverResult &result)
{
    QStringList out;
    for (const auto &list : result.lists) {
        out += uris(list);
    }
    return out;
}

} // namespace

class TestDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forgottenFavourites()
    {
        Cache cache;
        QVERIFY(cache.ok());
        cache.build();
        Discovery discovery;
        const auto result = discovery.recommend(cache.db(), options());
        QVERIFY2(result, why(result).constData());
        const QList<DiscoverItem> &rediscover = result.value().list(DiscoverList::Rediscover);
        QVERIFY(!rediscover.isEmpty());
        // C1: 15 plays, none in the last half year. Played recently (A2, B2, B3) or rarely: never rediscovered.
        QVERIFY(uris(rediscover).contains(trackUri(QStringLiteral("C1"))));
        for (const DiscoverItem &item : rediscover) {
            QVERIFY2(item.trackUri != trackUri(QStringLiteral("A2")) && item.trackUri != trackUri(QStringLiteral("B2")),
                     qPrintable(item.trackUri));
            QVERIFY(item.reason.playCount >= 5);
            QVERIFY(item.reason.lastPlayedMs < kNow - 180 * kDay);
            QVERIFY(item.reason.explanation.startsWith(QStringLiteral("You played it ")));
        }
        // Every item of every list comes with an explanation.
        for (const auto &list : result.value().lists) {
            for (const DiscoverItem &item : list) {
                QVERIFY(!item.reason.explanation.isEmpty());
            }
        }
        QCOMPARE(result.value().trainedTracks, 16);
    }

    void exclusionsAndNotNowExpiry()
    {
        Cache cache;
        QVERIFY(cache.ok());
        cache.build();
        Discovery discovery;
        auto result = discovery.recommend(cache.db(), options());
        QVERIFY2(result, why(result).constData());
        // Played an hour ago: never recommended.
        QVERIFY(!allUris(result.value()).contains(trackUri(QStringLiteral("A1"))));
        const QString hidden = result.value().list(DiscoverList::ForYouNow).at(0).trackUri;
        const QString later = result.value().list(DiscoverList::ForYouNow).at(1).trackUri;

        auto feedback = FeedbackRepository::create(cache.db());
        QVERIFY2(feedback, why(feedback).constData());
        QVERIFY(feedback.value().record(FeedbackKind::HideTrack, hidden, kNow));
        QVERIFY(feedback.value().record(FeedbackKind::NotNow, later, kNow));
        result = discovery.recommend(cache.db(), options());
        QVERIFY2(result, why(result).constData());
        QVERIFY(!result.value().fromCache);
        QVERIFY(!allUris(result.value()).contains(hidden));
        QVERIFY(!allUris(result.value()).contains(later));

        // Eight days on, "not now" has expired; the hidden track stays hidden.
        result = discovery.recommend(cache.db(), options(kNow + 8 * kDay));
        QVERIFY2(result, why(result).constData());
        QVERIFY(allUris(result.value()).contains(later));
        QVERIFY(!allUris(result.value()).contains(hidden));
    }

    void rankingIsCachedUntilSomethingChanges()
    {
        Cache cache;
        QVERIFY(cache.ok());
        cache.build();
        Discovery discovery;
        auto first = discovery.recommend(cache.db(), options());
        QVERIFY2(first, why(first).constData());
        QVERIFY(!first.value().fromCache);
        auto second = discovery.recommend(cache.db(), options());
        QVERIFY(second && second.value().fromCache);
        QCOMPARE(allUris(second.value()), allUris(first.value()));
        cache.play(QStringLiteral("D4"), kNow - 10 * 60 * 1000);
        auto third = discovery.recommend(cache.db(), options());
        QVERIFY(third && !third.value().fromCache);
        QVERIFY(!allUris(third.value()).contains(trackUri(QStringLiteral("D4")))); // just played
    }

    void feedbackIsQueuedForTheHub()
    {
        Cache cache;
        QVERIFY(cache.ok());
        auto feedback = FeedbackRepository::create(cache.db());
        QVERIFY2(feedback, why(feedback).constData());
        const auto id = feedback.value().record(FeedbackKind::NotNow, trackUri(QStringLiteral("C1")), kNow);
        QVERIFY2(id, why(id).constData());
        auto outbox = OutboxRepository::create(cache.db());
        QVERIFY(outbox);
        const auto pending = outbox.value().pending(10);
        QVERIFY(pending);
        QCOMPARE(pending.value().size(), 1);
        const OutboxEvent &event = pending.value().constFirst();
        QCOMPARE(event.eventId, id.value());
        QCOMPARE(event.kind, OutboxKind::Feedback);
        QCOMPARE(event.payload.value(QStringLiteral("kind")).toString(), QStringLiteral("not_now"));
        QCOMPARE(event.payload.value(QStringLiteral("uri")).toString(), trackUri(QStringLiteral("C1")));
        QCOMPARE(qint64(event.payload.value(QStringLiteral("expires_at_ms")).toDouble()), kNow + kNotNowMs);
        QCOMPARE(cache.db().scalar("SELECT event_id FROM feedback").value().toString(), id.value());

        // A URI of the wrong kind is refused by name, and nothing is written.
        const auto bad = feedback.value().record(FeedbackKind::HideArtist, trackUri(QStringLiteral("C1")), kNow);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Error::Code::InvalidInput);
        QVERIFY(bad.error().message.contains(trackUri(QStringLiteral("C1"))));
        QCOMPARE(cache.db().scalar("SELECT count(*) FROM feedback").value().toInt(), 1);
        QCOMPARE(outbox.value().pendingCount().value(), 1);

        // Like then unlike: the latest wins.
        QVERIFY(feedback.value().record(FeedbackKind::Like, trackUri(QStringLiteral("D1")), kNow));
        QVERIFY(feedback.value().state(kNow).value().liked.contains(trackUri(QStringLiteral("D1"))));
        QVERIFY(feedback.value().record(FeedbackKind::Unlike, trackUri(QStringLiteral("D1")), kNow + 1));
        QVERIFY(!feedback.value().state(kNow + 1).value().liked.contains(trackUri(QStringLiteral("D1"))));
    }

    void hidingAnArtistRemovesIt()
    {
        Cache cache;
        QVERIFY(cache.ok());
        cache.build();
        Discovery discovery;
        auto before = discovery.recommend(cache.db(), options());
        QVERIFY2(before, why(before).constData());
        const auto ofB = [](const DiscoverResult &result) {
            int count = 0;
            for (const auto &list : result.lists) {
                for (const DiscoverItem &item : list) {
                    count += item.artistUri == QLatin1String("spotify:artist:artistB");
                }
            }
            return count;
        };
        QVERIFY(ofB(before.value()) > 0);
        auto feedback = FeedbackRepository::create(cache.db());
        QVERIFY(feedback.value().record(FeedbackKind::HideArtist, QStringLiteral("spotify:artist:artistB"), kNow));
        auto after = discovery.recommend(cache.db(), options());
        QVERIFY2(after, why(after).constData());
        QCOMPARE(ofB(after.value()), 0);
        QVERIFY(!after.value().list(DiscoverList::ForYouNow).isEmpty());
    }

    void aLikeRaisesSimilarItems()
    {
        Cache cache;
        QVERIFY(cache.ok());
        cache.build();
        Discovery discovery;
        DiscoverOptions o = options();
        o.perArtistCap = 0; // rank every track, so that positions compare
        o.mmrLambda = 1.0f;
        o.forgottenMinPlays = 1000; // no forgotten favourites: every C and D track stays in "for you now"
        const auto scoreOf = [](const DiscoverResult &result, const QString &uri) {
            for (const DiscoverItem &item : result.list(DiscoverList::ForYouNow)) {
                if (item.trackUri == uri) {
                    return item.score;
                }
            }
            return 0.0f;
        };
        // Where the first track of the C and D sessions (other than the liked D1) stands in "for you now".
        const auto firstOfCD = [](const DiscoverResult &result) {
            const QList<DiscoverItem> &list = result.list(DiscoverList::ForYouNow);
            for (qsizetype i = 0; i < list.size(); ++i) {
                if ((list.at(i).artistName == QLatin1String("Artist C")
                     || list.at(i).artistName == QLatin1String("Artist D"))
                    && list.at(i).trackUri != trackUri(QStringLiteral("D1"))) {
                    return i;
                }
            }
            return list.size();
        };
        auto before = discovery.recommend(cache.db(), o);
        QVERIFY2(before, why(before).constData());
        const float d2Before = scoreOf(before.value(), trackUri(QStringLiteral("D2")));
        const qsizetype firstBefore = firstOfCD(before.value());

        auto feedback = FeedbackRepository::create(cache.db());
        QVERIFY(feedback.value().record(FeedbackKind::Like, trackUri(QStringLiteral("D1")), kNow));
        auto after = discovery.recommend(cache.db(), o);
        QVERIFY2(after, why(after).constData());
        const float d2After = scoreOf(after.value(), trackUri(QStringLiteral("D2")));
        const qsizetype firstAfter = firstOfCD(after.value());
        // D2 is played in sessions with D1: its score rises, and a track of the C/D sessions moves up the list.
        QVERIFY2(d2After > d2Before, qPrintable(QStringLiteral("D2 %1 → %2").arg(d2Before).arg(d2After)));
        QVERIFY2(firstAfter < firstBefore,
                 qPrintable(QStringLiteral("first C/D track at %1 → %2").arg(firstBefore).arg(firstAfter)));
    }

    void skipsAndFullPlaysMoveTracks()
    {
        Cache cache;
        QVERIFY(cache.ok());
        cache.build();
        Discovery discovery;
        DiscoverOptions o = options();
        o.perArtistCap = 0; // rank every track, so that positions compare
        o.mmrLambda = 1.0f;
        o.forgottenMinPlays = 1000; // every candidate stays in "for you now"
        const auto at = [](const DiscoverResult &result, const QString &uri) {
            return uris(result.list(DiscoverList::ForYouNow)).indexOf(uri);
        };
        const auto find = [](const DiscoverResult &result, const QString &uri) {
            for (const DiscoverItem &item : result.list(DiscoverList::ForYouNow)) {
                if (item.trackUri == uri) {
                    return item;
                }
            }
            return DiscoverItem{};
        };
        auto before = discovery.recommend(cache.db(), o);
        QVERIFY2(before, why(before).constData());
        const QList<DiscoverItem> &list = before.value().list(DiscoverList::ForYouNow);
        QVERIFY2(list.size() >= 6, qPrintable(uris(list).join(u' ')));
        const DiscoverItem top = list.first();
        const DiscoverItem low = list.last();
        // Another track of the top item's artist, to see the weaker artist-wide effect of its skips.
        DiscoverItem sibling;
        for (const DiscoverItem &item : list) {
            if (item.artistUri == top.artistUri && item.trackUri != top.trackUri) {
                sibling = item;
                break;
            }
        }
        QVERIFY2(!sibling.trackUri.isEmpty(), qPrintable(top.artistName));

        auto feedback = FeedbackRepository::create(cache.db());
        QVERIFY2(feedback, why(feedback).constData());
        // Skips a year old have decayed to almost nothing (twelve half-lives): the score barely moves.
        for (int i = 0; i < 4; ++i) {
            QVERIFY(feedback.value().record(FeedbackKind::Skip, top.trackUri, kYearAgo + i));
        }
        auto stale = discovery.recommend(cache.db(), o);
        QVERIFY2(stale, why(stale).constData());
        const float staleScore = find(stale.value(), top.trackUri).score;
        QVERIFY2(staleScore < top.score && top.score - staleScore < 0.001f,
                 qPrintable(QStringLiteral("%1 → %2").arg(top.score).arg(staleScore)));

        // Skipped four times this week, it drops; its artist's other track loses a little.
        for (int i = 0; i < 4; ++i) {
            QVERIFY(feedback.value().record(FeedbackKind::Skip, top.trackUri, kNow - (i + 1) * kDay));
        }
        // Played to the end four times this week, the last track rises, and the list says why.
        for (int i = 0; i < 4; ++i) {
            QVERIFY(feedback.value().record(FeedbackKind::FullPlay, low.trackUri, kNow - (i + 1) * kDay));
        }
        auto after = discovery.recommend(cache.db(), o);
        QVERIFY2(after, why(after).constData());
        const qsizetype topAfter = at(after.value(), top.trackUri);
        QVERIFY2(topAfter < 0 || topAfter > 0,
                 qPrintable(uris(after.value().list(DiscoverList::ForYouNow)).join(u' ')));
        QVERIFY2(
            find(after.value(), sibling.trackUri).score < sibling.score,
            qPrintable(QStringLiteral("%1 → %2").arg(sibling.score).arg(find(after.value(), sibling.trackUri).score)));
        const qsizetype lowBefore = list.size() - 1;
        const qsizetype lowAfter = at(after.value(), low.trackUri);
        QVERIFY2(lowAfter >= 0 && lowAfter < lowBefore,
                 qPrintable(QStringLiteral("%1 → %2").arg(lowBefore).arg(lowAfter)));
        const DiscoverItem raised = find(after.value(), low.trackUri);
        QCOMPARE(raised.reason.fullPlays, 4);
        QVERIFY2(raised.reason.explanation.contains(QLatin1String("to the end")),
                 qPrintable(raised.reason.explanation));
        // The top item keeps its signal's explanation: behaviour only speaks when it is the main reason.
        QCOMPARE(find(after.value(), list.at(1).trackUri).reason.fullPlays, 0);
    }

    void similarTracks()
    {
        Cache cache;
        QVERIFY(cache.ok());
        cache.build();
        Discovery discovery;
        const auto similar = discovery.similar(cache.db(), trackUri(QStringLiteral("C1")), 3, options());
        QVERIFY2(similar, why(similar).constData());
        QCOMPARE(similar.value().seed.trackName, QStringLiteral("Song C1"));
        QCOMPARE(similar.value().items.size(), 3);
        for (const DiscoverItem &item : similar.value().items) {
            // C1 was only ever played with C and D tracks.
            QVERIFY2(item.artistName == QLatin1String("Artist C") || item.artistName == QLatin1String("Artist D"),
                     qPrintable(item.trackUri));
        }
        const auto unknown = discovery.similar(cache.db(), trackUri(QStringLiteral("Z9")), 3, options());
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, Error::Code::NotFound);
        QVERIFY(unknown.error().message.contains(trackUri(QStringLiteral("Z9"))));
    }

    void emptyCacheRecommendsNothing()
    {
        Cache cache;
        QVERIFY(cache.ok());
        Discovery discovery;
        const auto result = discovery.recommend(cache.db(), options());
        QVERIFY2(result, why(result).constData());
        QCOMPARE(result.value().trainedTracks, 0);
        QVERIFY(allUris(result.value()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
