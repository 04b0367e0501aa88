// Outbox capture of polled plays (issue 3, offline): every new polled listen is queued for the hub in the
// transaction that stores it; merged, repeated and imported plays queue nothing. A real cache file.

#include "engine/store/libraryrepository.h"
#include "engine/store/outboxrepository.h"
#include "engine/store/playrepository.h"
#include "engine/store/store.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace engine;

namespace
{

constexpr qint64 t0 = 1'760'000'000'000;

Track track(const QString &id)
{
    Track track;
    track.spotifyId = id;
    track.name = QStringLiteral("Song ") + id;
    track.artists = {ArtistRef{QStringLiteral("artist") + id, QStringLiteral("Singer")},
                     ArtistRef{QString(), QStringLiteral("Guest Without Id")}};
    track.album.spotifyId = QStringLiteral("album") + id;
    track.album.name = QStringLiteral("Album ") + id;
    track.album.artists = {track.artists.first()};
    track.durationMs = 200'000;
    track.isrc = QStringLiteral("GBDUW0000059");
    return track;
}

Play polled(const QString &id, qint64 playedAtMs)
{
    Play play;
    play.track = track(id);
    play.playedAtMs = playedAtMs;
    play.contextUri = QStringLiteral("spotify:playlist:37i9dQZF1DXcBWIGoYBM5M");
    play.contextType = QStringLiteral("playlist");
    return play;
}

Play imported(const QString &id, qint64 playedAtMs)
{
    Play play;
    play.track = track(id);
    play.playedAtMs = playedAtMs;
    play.msPlayed = 180'000;
    play.source = Play::Source::Imported;
    return play;
}

} // namespace

class TestPlayOutbox : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<Store> m_store;
    std::optional<LibraryRepository> m_library;
    std::optional<PlayRepository> m_plays;
    std::optional<OutboxRepository> m_outbox;

    qint64 count(const QByteArray &sql)
    {
        const auto value = m_store->database().scalar(sql);
        return value ? value.value().toLongLong() : -1;
    }

    QList<OutboxEvent> events()
    {
        const auto pending = m_outbox->pending(1000);
        return pending ? pending.value() : QList<OutboxEvent>();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        Store::Outcome outcome = Store::open(m_dir.filePath(QString::number(++m_run)));
        QVERIFY2(outcome.store, qPrintable(outcome.status.message));
        m_store = std::move(outcome.store);
        auto library = LibraryRepository::create(m_store->database());
        QVERIFY(library);
        m_library.emplace(std::move(library).value());
        auto plays = PlayRepository::create(m_store->database(), *m_library);
        QVERIFY(plays);
        m_plays.emplace(std::move(plays).value());
        auto outbox = OutboxRepository::create(m_store->database());
        QVERIFY(outbox);
        m_outbox.emplace(std::move(outbox).value());
    }

    void cleanup()
    {
        m_outbox.reset();
        m_plays.reset();
        m_library.reset();
        m_store.reset();
    }

    void aNewPolledPlayQueuesItsListen()
    {
        QCOMPARE(m_plays->insertPlays({polled(QStringLiteral("1"), t0)}).value(), 1);
        const QList<OutboxEvent> queued = events();
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.first().kind, OutboxKind::Play);
        QCOMPARE(queued.first().attempts, 0);
        QVERIFY(!queued.first().eventId.isEmpty());
        const QJsonObject expected{
            {QStringLiteral("track_uri"), QStringLiteral("spotify:track:1")},
            {QStringLiteral("track_name"), QStringLiteral("Song 1")},
            {QStringLiteral("isrc"), QStringLiteral("GBDUW0000059")},
            {QStringLiteral("duration_ms"), 200'000},
            {QStringLiteral("artists"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Singer")},
                                    {QStringLiteral("uri"), QStringLiteral("spotify:artist:artist1")}},
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("Guest Without Id")}}}},
            {QStringLiteral("album"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("Album 1")},
                         {QStringLiteral("uri"), QStringLiteral("spotify:album:album1")}}},
            {QStringLiteral("played_at_ms"), t0},
            {QStringLiteral("context_uri"), QStringLiteral("spotify:playlist:37i9dQZF1DXcBWIGoYBM5M")},
            {QStringLiteral("context_type"), QStringLiteral("playlist")},
            {QStringLiteral("source"), QStringLiteral("polled")},
        };
        QCOMPARE(queued.first().payload, expected);
        // Unknown for polled plays: left out rather than sent as 0.
        QVERIFY(!queued.first().payload.contains(QStringLiteral("ms_played")));
    }

    void everyNewPlayGetsItsOwnEventAndRepeatsNone()
    {
        QList<Play> plays;
        for (int i = 0; i < 10; ++i) {
            plays.append(polled(QString::number(i), t0 + i * 200'000));
        }
        QCOMPARE(m_plays->insertPlays(plays).value(), 10);
        // The same page polled again, plus one new play.
        plays.append(polled(QStringLiteral("new"), t0 + 11 * 200'000));
        QCOMPARE(m_plays->insertPlays(plays).value(), 1);

        const QList<OutboxEvent> queued = events();
        QCOMPARE(queued.size(), 11);
        QSet<QString> ids;
        QSet<qint64> playedAt;
        for (const OutboxEvent &event : queued) {
            ids.insert(event.eventId);
            playedAt.insert(event.payload.value(QStringLiteral("played_at_ms")).toInteger());
        }
        QCOMPARE(ids.size(), 11);
        QCOMPARE(playedAt.size(), 11);
        QCOMPARE(count("SELECT count(*) FROM plays"), 11);
    }

    void importedAndMergedPlaysQueueNothing()
    {
        QCOMPARE(m_plays->insertPlays({imported(QStringLiteral("1"), t0)}).value(), 1);
        QCOMPARE(events().size(), 0);
        // The poll sees the same listen 30 s off: it takes the imported row over, it is no new listen.
        QCOMPARE(m_plays->insertPlays({polled(QStringLiteral("1"), t0 + 30'000)}).value(), 0);
        QCOMPARE(count("SELECT count(*) FROM plays"), 1);
        QCOMPARE(events().size(), 0);
        // A polled play imported afterwards fills the polled row and queues nothing either.
        QCOMPARE(m_plays->insertPlays({polled(QStringLiteral("2"), t0 + 600'000)}).value(), 1);
        QCOMPARE(m_plays->insertPlays({imported(QStringLiteral("2"), t0 + 620'000)}).value(), 0);
        QCOMPARE(events().size(), 1);
    }

    void aPlayIsNeverStoredWithoutItsEvent()
    {
        // The outbox refuses the write: the play must not land without its event.
        QVERIFY(m_store->database().exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON outbox BEGIN "
                                         "SELECT RAISE(ABORT, 'outbox refused'); END"));
        const auto refused =
            m_plays->insertPlays({polled(QStringLiteral("1"), t0), polled(QStringLiteral("2"), t0 + 1)});
        QVERIFY(!refused);
        QVERIFY(m_store->database().isAutocommit());
        QCOMPARE(count("SELECT count(*) FROM plays"), 0);
        QCOMPARE(count("SELECT count(*) FROM outbox"), 0);

        QVERIFY(m_store->database().exec("DROP TRIGGER refuse"));
        QCOMPARE(m_plays->insertPlays({polled(QStringLiteral("1"), t0), polled(QStringLiteral("2"), t0 + 1)}).value(),
                 2);
        QCOMPARE(count("SELECT count(*) FROM outbox"), 2);
        QCOMPARE(m_outbox->pendingCount().value(), 2);
    }
};

QTEST_GUILESS_MAIN(TestPlayOutbox)
#include "tst_playoutbox.moc"
