#include "engine/enrich/enrichjob.h"
#include "engine/ingest/storethread.h"
#include "engine/store/libraryrepository.h"
#include "engine/store/playrepository.h"
#include "engine/store/store.h"
#include "tests/support/concerts/loopbackhttp.h"
#include "tests/support/musicbrainz/fakemusicbrainz.h"
#include "tunescoutversion.h"

#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace engine;
using testsupport::FakeMusicBrainz;

namespace
{

constexpr int AnswerTimeoutMs = 15000;

const QString PaperLanterns = QStringLiteral("GBAYE0601498"); // 3 plays, tagged, two recordings
const QString NightDrive = QStringLiteral("USRC17607839"); // 2 plays, two credited artists
const QString Untagged = QStringLiteral("FRZ039800212"); // 1 play, a recording without tags
const QString Unknown = QStringLiteral("QZES71234567"); // never played, unknown to MusicBrainz

Track track(const QString &id, const QString &name, const QString &isrc, const QList<ArtistRef> &artists)
{
    Track t;
    t.spotifyId = id;
    t.name = name;
    t.isrc = isrc;
    t.artists = artists;
    t.album.spotifyId = id + QStringLiteral("al");
    t.album.name = name;
    t.album.artists = artists;
    return t;
}

// A cache with four tracks with ISRCs, played 3, 2, 1 and 0 times, written before the job's store opens it.
bool seedCache(const QString &dir, const QList<QPair<Track, int>> &tracks)
{
    auto opened = Store::open(dir);
    if (!opened.store) {
        return false;
    }
    auto library = LibraryRepository::create(opened.store->database());
    if (!library) {
        return false;
    }
    auto plays = PlayRepository::create(opened.store->database(), library.value());
    if (!plays) {
        return false;
    }
    QList<Play> all;
    qint64 at = 1'700'000'000'000;
    for (const auto &[t, count] : tracks) {
        if (!library.value().upsertTrack(t)) {
            return false;
        }
        for (int i = 0; i < count; ++i) {
            Play play;
            play.track = t;
            play.playedAtMs = at;
            at += 600'000;
            all.append(play);
        }
    }
    return plays.value().insertPlays(all).ok();
}

QList<QPair<Track, int>> standardTracks()
{
    const ArtistRef bjork{QStringLiteral("3ArtBjork0000000000000"), QStringLiteral("Björk")};
    const ArtistRef midnight{QStringLiteral("3ArtMidnight000000000"), QStringLiteral("The Midnight")};
    const ArtistRef beyonce{QStringLiteral("3ArtBeyonce0000000000"), QStringLiteral("Beyoncé")};
    const ArtistRef other{QStringLiteral("3ArtOther000000000000"), QStringLiteral("Somebody Else")};
    return {
        {track(QStringLiteral("4TrkPaper000000000000"), QStringLiteral("Paper Lanterns"), PaperLanterns, {bjork}), 3},
        {track(QStringLiteral("4TrkNight000000000000"), QStringLiteral("Night Drive"), NightDrive, {midnight, beyonce}),
         2},
        {track(QStringLiteral("4TrkUntagged000000000"), QStringLiteral("Untagged"), Untagged, {other}), 1},
        {track(QStringLiteral("4TrkUnknown0000000000"), QStringLiteral("Unknown"), Unknown, {other}), 0}};
}

// Rows of a query on the cache, through a connection of the test's own.
QList<QVariantList> rows(const QString &dir, const QByteArray &sql)
{
    auto database = SqliteDatabase::open(dir + QStringLiteral("/tunescout.sqlite"), SqliteDatabase::Mode::ReadOnly);
    if (!database) {
        return {};
    }
    auto statement = database.value().prepare(sql);
    if (!statement) {
        return {};
    }
    auto result = statement.value().query();
    return result ? result.value() : QList<QVariantList>();
}

// The ISRCs the fake answered, in order: without the requests it refused as too fast (a run that starts
// within a second of the last one's last request gets a 503 first and asks again).
QStringList requestedIsrcs(const FakeMusicBrainz &fake)
{
    QStringList isrcs;
    for (const auto &request : fake.requests()) {
        if (request.status != 503) {
            isrcs.append(request.path.section(QLatin1Char('/'), -1));
        }
    }
    return isrcs;
}

// The job over a store opened on `dir`, with its finished() answer.
struct Harness {
    StoreThread store;
    std::unique_ptr<EnrichJob> job;
    std::optional<EnrichSummary> summary;

    bool open(const QString &dir, const QUrl &url)
    {
        std::optional<StoreStatus> status;
        store.open(dir, &store, [&status](const StoreStatus &answer) {
            status = answer;
        });
        if (!QTest::qWaitFor(
                [&status] {
                    return status.has_value();
                },
                AnswerTimeoutMs)
            || status->state != StoreStatus::State::Ready) {
            return false;
        }
        MusicBrainzEndpoint endpoint = MusicBrainzEndpoint::defaults();
        endpoint.baseUrl = url;
        job = std::make_unique<EnrichJob>(&store, endpoint);
        QObject::connect(job.get(), &EnrichJob::finished, job.get(), [this](const EnrichSummary &s) {
            summary = s;
        });
        return true;
    }

    // Starts a run and waits for its end.
    bool run(int waitMs = 60000)
    {
        summary.reset();
        job->start();
        return QTest::qWaitFor(
            [this] {
                return summary.has_value();
            },
            waitMs);
    }
};

} // namespace

class TestEnrichJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tagsAreStoredAndWeighted()
    {
        QTemporaryDir dir;
        QVERIFY(seedCache(dir.path(), standardTracks()));
        FakeMusicBrainz fake;
        fake.addStandardRecordings();
        Harness h;
        QVERIFY(h.open(dir.path(), fake.apiUrl()));
        QSignalSpy progress(h.job.get(), &EnrichJob::progressChanged);
        QVERIFY(h.run());

        QVERIFY2(h.summary->error.isEmpty(), qPrintable(h.summary->error));
        QCOMPARE(h.summary->found, 3);
        QCOMPARE(h.summary->notFound, 1);
        QCOMPARE(h.summary->failed, 0);
        QCOMPARE(h.summary->remaining, 0);
        QCOMPARE(h.job->done(), 4);
        QCOMPARE(h.job->total(), 4);
        QVERIFY(!h.job->isRunning());
        QVERIFY(progress.count() >= 4);

        // Most played first; only the ISRC is sent, with the User-Agent naming the app and its version.
        QCOMPARE(requestedIsrcs(fake), (QStringList{PaperLanterns, NightDrive, Untagged, Unknown}));
        for (const auto &request : fake.requests()) {
            QVERIFY2(request.userAgent.startsWith("TuneScout/" TUNESCOUT_VERSION), request.userAgent.constData());
            QCOMPARE(request.query.queryItemValue(QStringLiteral("fmt")), QStringLiteral("json"));
            QCOMPARE(request.query.queryItemValue(QStringLiteral("inc"), QUrl::FullyDecoded),
                     QStringLiteral("artist-credits tags"));
            QCOMPARE(request.query.queryItems().size(), 2);
        }

        // Recording tags, summed over the ISRC's two recordings, normalised, without the zero-vote one.
        QCOMPARE(rows(dir.path(),
                      "SELECT t.isrc, g.name, tt.votes FROM track_tags tt JOIN tracks t ON t.id = tt.track_id "
                      "JOIN tags g ON g.id = tt.tag_id ORDER BY t.isrc, tt.votes DESC"),
                 (QList<QVariantList>{{PaperLanterns, QStringLiteral("indie rock"), 9},
                                      {PaperLanterns, QStringLiteral("dream pop"), 3},
                                      {NightDrive, QStringLiteral("synthwave"), 4},
                                      {NightDrive, QStringLiteral("electronic"), 1}}));
        // Artist tags on the artists matched by name (Beyoncé credited as "BEYONCE"); "icelandic" is under a
        // tenth of "electronic".
        QCOMPARE(rows(dir.path(),
                      "SELECT a.name, g.name, at.votes FROM artist_tags at JOIN artists a ON a.id = at.artist_id "
                      "JOIN tags g ON g.id = at.tag_id ORDER BY a.name, at.votes DESC"),
                 (QList<QVariantList>{{QStringLiteral("Beyoncé"), QStringLiteral("r&b"), 15},
                                      {QStringLiteral("Beyoncé"), QStringLiteral("pop"), 10},
                                      {QStringLiteral("Björk"), QStringLiteral("electronic"), 30},
                                      {QStringLiteral("Björk"), QStringLiteral("art pop"), 12},
                                      {QStringLiteral("The Midnight"), QStringLiteral("synthwave"), 9}}));
        QCOMPARE(rows(dir.path(), "SELECT isrc, status, recording_mbid FROM tag_lookups ORDER BY isrc"),
                 (QList<QVariantList>{
                     {Untagged, QStringLiteral("found"), QStringLiteral("9a9b9c9d-3333-4444-8555-666677778888")},
                     {PaperLanterns, QStringLiteral("found"), QStringLiteral("0f3c8e1a-1c4b-4b1e-9a53-1d2a3b4c5d01")},
                     {Unknown, QStringLiteral("not_found"), QVariant()},
                     {NightDrive, QStringLiteral("found"), QStringLiteral("5e6f7a8b-2222-4333-8444-555566667777")}}));
        h.store.stop();
    }

    void neverFasterThanOneRequestASecond()
    {
        QTemporaryDir dir;
        QVERIFY(seedCache(dir.path(), standardTracks()));
        FakeMusicBrainz fake;
        fake.addStandardRecordings();

        // The fake refuses what comes too fast: two requests back to back get a 404 and a 503.
        {
            FakeMusicBrainz strict;
            QNetworkAccessManager manager;
            QNetworkRequest probe(
                QUrl(strict.apiUrl().toString() + QStringLiteral("/isrc/") + Unknown + QStringLiteral("?fmt=json")));
            probe.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("tst_enrichjob/1"));
            QCOMPARE(testsupport::loopbackGet(manager, probe).status, 404);
            const auto tooSoon = testsupport::loopbackGet(manager, probe);
            QCOMPARE(tooSoon.status, 503);
            QCOMPARE(tooSoon.header("Retry-After"), QByteArray("1"));
        }

        Harness h;
        QVERIFY(h.open(dir.path(), fake.apiUrl()));
        QVERIFY(h.run());
        QVERIFY2(h.summary->error.isEmpty(), qPrintable(h.summary->error));
        QCOMPARE(h.summary->retried, 0);
        const auto requests = fake.requests();
        QCOMPARE(requests.size(), 4);
        QCOMPARE(fake.requestCount(503), 0);
        // The bucket holds one token and gets one a second, so sends are at least 1000 ms apart on the job's
        // clock; at the fake, loopback scheduling may take up to RateGraceMs off that.
        for (qsizetype i = 1; i < requests.size(); ++i) {
            const qint64 gap = requests.at(i).receivedAtMs - requests.at(i - 1).receivedAtMs;
            QVERIFY2(gap >= 1000 - FakeMusicBrainz::RateGraceMs, qPrintable(QStringLiteral("gap %1 ms").arg(gap)));
        }
        h.store.stop();
    }

    void resumesAfterStop()
    {
        QTemporaryDir dir;
        QVERIFY(seedCache(dir.path(), standardTracks()));
        FakeMusicBrainz fake;
        fake.addStandardRecordings();
        Harness h;
        QVERIFY(h.open(dir.path(), fake.apiUrl()));
        QObject::connect(h.job.get(), &EnrichJob::lookedUp, h.job.get(), [&h] {
            if (h.job->done() == 2) {
                h.job->stop();
            }
        });
        QVERIFY(h.run());
        QVERIFY(h.summary->stopped);
        QCOMPARE(h.summary->found, 2);
        QCOMPARE(h.summary->remaining, 2);
        QCOMPARE(rows(dir.path(), "SELECT COUNT(*) FROM tag_lookups").value(0).value(0).toInt(), 2);

        // A new job on a new store thread, as after a restart, continues with what is left.
        h.store.stop();
        Harness again;
        QVERIFY(again.open(dir.path(), fake.apiUrl()));
        QVERIFY(again.run());
        QVERIFY(!again.summary->stopped);
        QCOMPARE(again.summary->found + again.summary->notFound, 2);
        QCOMPARE(requestedIsrcs(fake), (QStringList{PaperLanterns, NightDrive, Untagged, Unknown}));
        QCOMPARE(rows(dir.path(), "SELECT COUNT(*) FROM tag_lookups").value(0).value(0).toInt(), 4);
        again.store.stop();
    }

    void stopAbandonsTheRequestOnTheWire()
    {
        QTemporaryDir dir;
        QVERIFY(seedCache(dir.path(), standardTracks()));
        FakeMusicBrainz fake;
        fake.addStandardRecordings();
        fake.delayNext(1, 3000);
        Harness h;
        QVERIFY(h.open(dir.path(), fake.apiUrl()));
        h.job->start();
        QTRY_COMPARE_WITH_TIMEOUT(fake.pendingFaults(), 0, AnswerTimeoutMs);
        h.job->stop();
        QVERIFY(h.summary);
        QVERIFY(h.summary->stopped);
        QCOMPARE(h.summary->found + h.summary->notFound + h.summary->failed, 0);
        QVERIFY(!h.job->isRunning());
        // Nothing was recorded: the ISRC is asked again by the next run.
        QVERIFY(rows(dir.path(), "SELECT isrc FROM tag_lookups").isEmpty());
        h.store.stop();
    }

    void retryAfterIsHonoured()
    {
        QTemporaryDir dir;
        QVERIFY(seedCache(dir.path(), standardTracks().mid(0, 1)));
        FakeMusicBrainz fake;
        fake.addStandardRecordings();
        fake.setRetryAfterSeconds(2);
        fake.failNext(1, 503);
        Harness h;
        QVERIFY(h.open(dir.path(), fake.apiUrl()));
        QVERIFY(h.run());
        QVERIFY2(h.summary->error.isEmpty(), qPrintable(h.summary->error));
        QCOMPARE(h.summary->found, 1);
        QCOMPARE(h.summary->retried, 1);
        const auto requests = fake.requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).status, 503);
        QCOMPARE(requests.at(1).status, 200);
        const qint64 gap = requests.at(1).receivedAtMs - requests.at(0).receivedAtMs;
        QVERIFY2(gap >= 2000 - FakeMusicBrainz::RateGraceMs, qPrintable(QStringLiteral("gap %1 ms").arg(gap)));
        h.store.stop();
    }

    void malformedAnswerMarksTheLookupFailed()
    {
        QTemporaryDir dir;
        QVERIFY(seedCache(dir.path(), standardTracks().mid(0, 2)));
        FakeMusicBrainz fake;
        fake.addStandardRecordings();
        fake.setRawAnswer(PaperLanterns, QByteArrayLiteral("{\"isrc\":\"GBAYE0601498\",\"recordings\":[{\"id\":"));
        Harness h;
        QVERIFY(h.open(dir.path(), fake.apiUrl()));
        QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(QStringLiteral("^MusicBrainz's answer for ISRC GBAYE0601498 cannot be "
                                              "read \\(the answer is not JSON: .* at byte \\d+ of 43\\); "
                                              "the lookup is marked failed")));
        QVERIFY(h.run());
        QVERIFY2(h.summary->error.isEmpty(), qPrintable(h.summary->error));
        QCOMPARE(h.summary->failed, 1);
        QCOMPARE(h.summary->found, 1); // the next ISRC is looked up all the same
        QCOMPARE(
            rows(dir.path(), "SELECT isrc, status FROM tag_lookups ORDER BY isrc"),
            (QList<QVariantList>{{PaperLanterns, QStringLiteral("failed")}, {NightDrive, QStringLiteral("found")}}));

        // Within a day the failed lookup waits; a day later it is tried again.
        fake.clearRequests();
        QVERIFY(h.run());
        QCOMPARE(fake.requestCount(), 0);
        h.store.stop();
        {
            auto database = SqliteDatabase::open(dir.path() + QStringLiteral("/tunescout.sqlite"),
                                                 SqliteDatabase::Mode::ReadWriteCreate);
            QVERIFY(database);
            QVERIFY(database.value().exec("UPDATE tag_lookups SET looked_up_at_ms = looked_up_at_ms - 86400001 "
                                          "WHERE status = 'failed'"));
        }
        Harness later;
        QVERIFY(later.open(dir.path(), fake.apiUrl()));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("^MusicBrainz's answer for ISRC GBAYE0601498")));
        QVERIFY(later.run());
        QCOMPARE(requestedIsrcs(fake), QStringList{PaperLanterns});
        later.store.stop();
    }

    void noNetworkWhenEverythingIsLookedUp()
    {
        QTemporaryDir dir;
        QVERIFY(seedCache(dir.path(), standardTracks().mid(2)));
        FakeMusicBrainz fake;
        fake.addStandardRecordings();
        Harness h;
        QVERIFY(h.open(dir.path(), fake.apiUrl()));
        QVERIFY(h.run());
        QCOMPARE(fake.requestCount(), 2);
        fake.clearRequests();
        QVERIFY(h.run());
        QCOMPARE(h.summary->requests, 0);
        QCOMPARE(h.summary->remaining, 0);
        QCOMPARE(h.job->total(), 0);
        QCOMPARE(fake.requestCount(), 0);
        h.store.stop();
    }

    void unreachableServiceEndsTheRunAndKeepsTheIsrc()
    {
        QTemporaryDir dir;
        QVERIFY(seedCache(dir.path(), standardTracks().mid(0, 1)));
        QUrl closed;
        {
            FakeMusicBrainz gone; // a port that was just listening and is closed now
            closed = gone.apiUrl();
        }
        Harness h;
        QVERIFY(h.open(dir.path(), closed));
        EnrichPolicy policy;
        policy.maxAttempts = 2;
        policy.backoffBase = std::chrono::milliseconds(100);
        h.job->setPolicy(policy);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("MusicBrainz could not be reached")));
        QVERIFY(h.run());
        QVERIFY(h.summary->error.contains(QStringLiteral("MusicBrainz could not be reached")));
        QCOMPARE(h.summary->requests, 2);
        QCOMPARE(h.summary->remaining, 1);
        QVERIFY(rows(dir.path(), "SELECT isrc FROM tag_lookups").isEmpty());
        h.store.stop();
    }
};

QTEST_GUILESS_MAIN(TestEnrichJob)
#include "tst_enrichjob.moc"
