#include "engine/ingest/syncrules.h"

#include <QDateTime>
#include <QTest>

using namespace engine;
using namespace engine::syncrules;
using namespace std::chrono_literals;

namespace
{

QList<Play> playsAt(const QList<qint64> &times)
{
    QList<Play> plays;
    for (const qint64 ms : times) {
        Play play;
        play.track.spotifyId = QStringLiteral("track%1").arg(ms);
        play.playedAtMs = ms;
        plays.append(play);
    }
    return plays;
}

SavedTrack saved(const QString &id, qint64 addedAtMs)
{
    SavedTrack track;
    track.track.spotifyId = id;
    track.addedAtMs = addedAtMs;
    return track;
}

PlaylistSummary playlist(const QString &ownerId, bool collaborative)
{
    PlaylistSummary summary;
    summary.spotifyId = QStringLiteral("p1");
    summary.ownerId = ownerId;
    summary.collaborative = collaborative;
    return summary;
}

} // namespace

class TestSyncRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findPlayGap_data()
    {
        QTest::addColumn<qint64>("newestKnown"); // -1: no earlier poll stored a play
        QTest::addColumn<QList<qint64>>("fetched");
        QTest::addColumn<bool>("pageWasFull");
        QTest::addColumn<qint64>("gapFrom"); // -1: no gap
        QTest::addColumn<qint64>("gapTo");

        QTest::addRow("first-poll") << qint64(-1) << QList<qint64>{500, 400} << true << qint64(-1) << qint64(-1);
        QTest::addRow("overlaps-known-plays")
            << qint64(450) << QList<qint64>{500, 400} << true << qint64(-1) << qint64(-1);
        QTest::addRow("starts-at-the-newest-known")
            << qint64(400) << QList<qint64>{500, 400} << true << qint64(-1) << qint64(-1);
        QTest::addRow("full-page-after-the-newest-known")
            << qint64(300) << QList<qint64>{500, 400} << true << qint64(300) << qint64(400);
        QTest::addRow("out-of-order-page")
            << qint64(300) << QList<qint64>{400, 600, 500} << true << qint64(300) << qint64(400);
        QTest::addRow("short-page-reaches-the-first-play")
            << qint64(300) << QList<qint64>{500, 400} << false << qint64(-1) << qint64(-1);
        QTest::addRow("nothing-fetched") << qint64(300) << QList<qint64>{} << true << qint64(-1) << qint64(-1);
    }

    void findPlayGap()
    {
        QFETCH(qint64, newestKnown);
        QFETCH(QList<qint64>, fetched);
        QFETCH(bool, pageWasFull);
        QFETCH(qint64, gapFrom);
        QFETCH(qint64, gapTo);

        const auto gap = syncrules::findPlayGap(newestKnown < 0 ? std::nullopt : std::optional<qint64>(newestKnown),
                                                playsAt(fetched),
                                                pageWasFull);
        if (gapFrom < 0) {
            QVERIFY(!gap);
        } else {
            QVERIFY(gap);
            QCOMPARE(*gap, (PlayGap{gapFrom, gapTo}));
        }
    }

    void isDue_data()
    {
        QTest::addColumn<qint64>("last"); // -1: never
        QTest::addColumn<qint64>("now");
        QTest::addColumn<bool>("due");

        QTest::addRow("never-done") << qint64(-1) << qint64(1'000) << true;
        QTest::addRow("within-the-interval") << qint64(1'000) << qint64(60'999) << false;
        QTest::addRow("interval-over") << qint64(1'000) << qint64(61'000) << true;
        QTest::addRow("clock-set-back") << qint64(61'000) << qint64(1'000) << true;
    }

    void isDue()
    {
        QFETCH(qint64, last);
        QFETCH(qint64, now);
        QFETCH(bool, due);
        QCOMPARE(syncrules::isDue(last < 0 ? std::nullopt : std::optional<qint64>(last), now, 60s), due);
    }

    void topListsAreTakenOncePerDay()
    {
        const QDateTime noon(QDate(2026, 3, 5), QTime(12, 0));
        const QDate today = noon.date();
        QVERIFY(!takenOn(std::nullopt, today));
        QVERIFY(takenOn(noon.toMSecsSinceEpoch(), today));
        QVERIFY(takenOn(QDateTime(today, QTime(0, 0)).toMSecsSinceEpoch(), today));
        QVERIFY(!takenOn(noon.addDays(-1).toMSecsSinceEpoch(), today));
    }

    void readablePlaylists_data()
    {
        QTest::addColumn<QString>("owner");
        QTest::addColumn<bool>("collaborative");
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("readable");

        QTest::addRow("owned") << QStringLiteral("me") << false << QStringLiteral("me") << true;
        QTest::addRow("collaborative-of-a-friend") << QStringLiteral("friend") << true << QStringLiteral("me") << true;
        QTest::addRow("followed-of-a-friend") << QStringLiteral("friend") << false << QStringLiteral("me") << false;
        QTest::addRow("spotify-owned") << QStringLiteral("spotify") << false << QStringLiteral("me") << false;
        QTest::addRow("profile-unknown") << QString() << false << QString() << false;
    }

    void readablePlaylists()
    {
        QFETCH(QString, owner);
        QFETCH(bool, collaborative);
        QFETCH(QString, user);
        QFETCH(bool, readable);
        QCOMPARE(isReadablePlaylist(playlist(owner, collaborative), user), readable);
    }

    void savedTracksSignatureFollowsTheLibrary()
    {
        const QList<SavedTrack> page{saved(QStringLiteral("a"), 3), saved(QStringLiteral("b"), 2)};
        const QByteArray signature = savedTracksSignature(120, page);
        QCOMPARE(savedTracksSignature(120, page), signature);
        // A track removed further down the list lowers the total.
        QVERIFY(savedTracksSignature(119, page) != signature);
        // A track saved, or saved again, comes first.
        QVERIFY(savedTracksSignature(120, QList<SavedTrack>{saved(QStringLiteral("c"), 4), page.first()}) != signature);
        QVERIFY(savedTracksSignature(120, QList<SavedTrack>{saved(QStringLiteral("a"), 5), page.last()}) != signature);
    }

    void signaturesKeepFieldsApart()
    {
        Artist ab;
        ab.spotifyId = QStringLiteral("ab");
        ab.name = QStringLiteral("c");
        Artist a;
        a.spotifyId = QStringLiteral("a");
        a.name = QStringLiteral("bc");
        QVERIFY(followedArtistsSignature({ab}) != followedArtistsSignature({a}));
        QVERIFY(followedArtistsSignature({ab, a}) != followedArtistsSignature({a, ab}));

        PlaylistSummary before = playlist(QStringLiteral("me"), false);
        before.snapshotId = QStringLiteral("s1");
        PlaylistSummary after = before;
        after.snapshotId = QStringLiteral("s2");
        QVERIFY(playlistsSignature({before}) != playlistsSignature({after}));
        QCOMPARE(playlistsSignature({before}), playlistsSignature({before}));
    }

    void offsetPages_data()
    {
        QTest::addColumn<int>("total");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("pages");

        QTest::addRow("empty-list") << 0 << 0 << 1;
        QTest::addRow("one-short-page") << 12 << 0 << 1;
        QTest::addRow("exactly-one-page") << 50 << 0 << 1;
        QTest::addRow("one-more") << 51 << 0 << 2;
        QTest::addRow("from-the-second-page") << 500 << 50 << 9;
        QTest::addRow("offset-past-the-end") << 40 << 50 << 1;
    }

    void offsetPages()
    {
        QFETCH(int, total);
        QFETCH(int, offset);
        QFETCH(int, pages);
        QCOMPARE(syncrules::offsetPages(total, offset, 50), pages);
    }
};

QTEST_GUILESS_MAIN(TestSyncRules)
#include "tst_syncrules.moc"
