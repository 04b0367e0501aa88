// tunescout-cli stats and export as a script would use them, on a cache written here:
//   track 1 'Hello, "World"' by Alpha (album Al1, 1995), track 2 'Plain' by Beta and Alpha (no album);
//   p1 track 1 2024-01-01 10:00Z 200000 ms (Berlin Mon 11:00), p2 track 1 2024-01-01 23:30Z 100000 ms
//   (Berlin Tue 00:30), p3 track 2 2024-01-02 12:00Z 20000 ms (a skip, not counted), p4 track 2 polled
//   2024-02-01 08:00Z (180000 ms from its duration).

#include "engine/store/store.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using engine::Store;

namespace
{

struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field.append(u'"');
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field.append(c);
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            record.append(field);
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            record.append(field);
            records.append(record);
            record.clear();
            field.clear();
            ++i;
        } else {
            field.append(c);
        }
    }
    return records;
}

} // namespace

class TestStatsCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QString dataDir() const
    {
        return m_home.filePath(QStringLiteral("data"));
    }

    Run run(const QStringList &arguments) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("TZ"), QStringLiteral("Europe/Berlin"));
        env.remove(QStringLiteral("TUNESCOUT_DATA_DIR"));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(TUNESCOUT_CLI_PATH),
                      QStringList{QStringLiteral("--data-dir"), dataDir()} + arguments);
        Run result;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    QJsonObject json(const QStringList &arguments) const
    {
        const Run result = run(arguments + QStringList{QStringLiteral("--json")});
        if (result.exitCode != 0) {
            qWarning() << result.err;
            return {};
        }
        return QJsonDocument::fromJson(result.out).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        Store::Outcome opened = Store::open(dataDir(), QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
        QVERIFY(opened.store);
        const auto t = [](int month, int day, int hour, int minute) {
            return QDateTime(QDate(2024, month, day), QTime(hour, minute), Qt::UTC).toMSecsSinceEpoch();
        };
        QVERIFY(opened.store->database().exec(
            "INSERT INTO artists (id, spotify_id, name, name_key, updated_at_ms) VALUES (1, 'sA', 'Alpha', 'alpha', 0),"
            " (2, NULL, 'Beta', 'beta', 0);"
            "INSERT INTO albums (id, name, release_date, updated_at_ms) VALUES (1, 'Al1', '1995', 0);"
            "INSERT INTO tracks (id, spotify_id, name, name_key, album_id, duration_ms, updated_at_ms) VALUES"
            " (1, 'sT1', 'Hello, \"World\"', 'hello', 1, 200000, 0), (2, NULL, 'Plain', 'plain', NULL, 180000, 0);"
            "INSERT INTO track_artists VALUES (1, 0, 1), (2, 0, 2), (2, 1, 1);"));
        const QByteArray insert = "INSERT INTO plays (track_id, played_at_ms, ms_played, source, skipped, shuffle, "
                                  "platform) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
        QVERIFY(opened.store->database().exec(
            insert,
            {1, t(1, 1, 10, 0), 200000, QStringLiteral("imported"), 0, 1, QStringLiteral("iOS 14.4 (iPhone12,1)")}));
        QVERIFY(opened.store->database().exec(
            insert,
            {1, t(1, 1, 23, 30), 100000, QStringLiteral("imported"), 0, 0, QStringLiteral("android")}));
        QVERIFY(opened.store->database().exec(
            insert,
            {2, t(1, 2, 12, 0), 20000, QStringLiteral("imported"), 1, 0, QStringLiteral("android")}));
        QVERIFY(opened.store->database().exec(
            insert,
            {2, t(2, 1, 8, 0), QVariant(), QStringLiteral("polled"), QVariant(), QVariant(), QVariant()}));
    }

    void overviewAsJson()
    {
        const QJsonObject o = json({QStringLiteral("stats")});
        QCOMPARE(o[QStringLiteral("view")].toString(), QStringLiteral("overview"));
        QCOMPARE(o[QStringLiteral("plays")].toInt(), 3); // p3 is too short
        QCOMPARE(o[QStringLiteral("minutes")].toDouble(), 8.0); // (200000 + 100000 + 180000) / 60000
        QCOMPARE(o[QStringLiteral("skips")].toInt(), 1);
        QCOMPARE(o[QStringLiteral("days_listened")].toInt(), 3); // Berlin 01-01, 01-02, 02-01
        QCOMPARE(o[QStringLiteral("first_play")].toString(), QStringLiteral("2024-01-01T10:00:00.000Z"));
        QCOMPARE(o[QStringLiteral("range")][QStringLiteral("time_zone")].toString(), QStringLiteral("Europe/Berlin"));
    }

    void topAndRangeAsJson()
    {
        // January in Berlin holds p1 and p2 (p3 is a skip): Alpha 2 plays; Beta none.
        const QJsonObject top = json({QStringLiteral("stats"),
                                      QStringLiteral("top"),
                                      QStringLiteral("--from"),
                                      QStringLiteral("2024-01-01"),
                                      QStringLiteral("--to"),
                                      QStringLiteral("2024-01-31"),
                                      QStringLiteral("--by"),
                                      QStringLiteral("minutes")});
        const QJsonArray artists = top[QStringLiteral("artists")].toArray();
        QCOMPARE(artists.size(), 1);
        QCOMPARE(artists[0][QStringLiteral("name")].toString(), QStringLiteral("Alpha"));
        QCOMPARE(artists[0][QStringLiteral("plays")].toInt(), 2);
        QCOMPARE(artists[0][QStringLiteral("minutes")].toDouble(), 5.0);
        QCOMPARE(top[QStringLiteral("by")].toString(), QStringLiteral("minutes"));
        QCOMPARE(top[QStringLiteral("range")][QStringLiteral("from")].toString(),
                 QStringLiteral("2023-12-31T23:00:00.000Z"));
        // All time: Alpha 3 (p1 p2 p4), Beta 1 (p4, name-only).
        const QJsonArray all =
            json({QStringLiteral("stats"), QStringLiteral("top")})[QStringLiteral("artists")].toArray();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[1][QStringLiteral("name")].toString(), QStringLiteral("Beta"));
        QVERIFY(all[1][QStringLiteral("spotify_id")].isNull());
    }

    void otherViewsAsJson()
    {
        // Clock: p1 Monday 11:00, p2 Tuesday 00:30, p4 Thursday 09:00 (Berlin).
        const QJsonArray clock =
            json({QStringLiteral("stats"), QStringLiteral("clock")})[QStringLiteral("plays")].toArray();
        QCOMPARE(clock.size(), 7);
        QCOMPARE(clock[0][11].toInt(), 1);
        QCOMPARE(clock[1][0].toInt(), 1);
        QCOMPARE(clock[3][9].toInt(), 1);
        const QJsonObject streaks = json({QStringLiteral("stats"), QStringLiteral("streaks")});
        QCOMPARE(streaks[QStringLiteral("longest")][QStringLiteral("days")].toInt(), 2);
        const QJsonObject skips = json({QStringLiteral("stats"), QStringLiteral("skips")});
        QCOMPARE(skips[QStringLiteral("rate")].toDouble(), 0.25); // 1 of 4 rows
        const QJsonArray trend =
            json({QStringLiteral("stats"), QStringLiteral("trend")})[QStringLiteral("totals")].toArray();
        QCOMPARE(trend.size(), 2); // January, February
        QCOMPARE(trend[0][QStringLiteral("plays")].toInt(), 2);
        const QJsonObject platforms = json({QStringLiteral("stats"), QStringLiteral("platforms")});
        QCOMPARE(platforms[QStringLiteral("platform_known")].toInt(), 2); // p1 iOS, p2 Android
        QCOMPARE(json({QStringLiteral("stats"), QStringLiteral("eras")})[QStringLiteral("eras")].toArray().size(), 2);
        QCOMPARE(json({QStringLiteral("stats"), QStringLiteral("discovery")})[QStringLiteral("new_artists")].toInt(),
                 2);
        QCOMPARE(json({QStringLiteral("stats"), QStringLiteral("genres")})[QStringLiteral("untagged_plays")].toInt(),
                 3);
    }

    void badArgumentsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown-view") << QStringList{QStringLiteral("stats"), QStringLiteral("moods")}
                                      << QStringLiteral("moods");
        QTest::addRow("bad-date") << QStringList{QStringLiteral("stats"),
                                                 QStringLiteral("--from"),
                                                 QStringLiteral("2024-13-01")}
                                  << QStringLiteral("YYYY-MM-DD");
        QTest::addRow("range-and-dates") << QStringList{QStringLiteral("stats"),
                                                        QStringLiteral("--range"),
                                                        QStringLiteral("4w"),
                                                        QStringLiteral("--to"),
                                                        QStringLiteral("2024-01-01")}
                                         << QStringLiteral("not both");
        QTest::addRow("bad-by") << QStringList{QStringLiteral("stats"),
                                               QStringLiteral("top"),
                                               QStringLiteral("--by"),
                                               QStringLiteral("hours")}
                                << QStringLiteral("plays or minutes");
        QTest::addRow("bad-limit") << QStringList{QStringLiteral("stats"),
                                                  QStringLiteral("--limit"),
                                                  QStringLiteral("0")}
                                   << QStringLiteral("--limit");
        QTest::addRow("no-format") << QStringList{QStringLiteral("export")} << QStringLiteral("--format");
        QTest::addRow("bad-what") << QStringList{QStringLiteral("export"),
                                                 QStringLiteral("--format"),
                                                 QStringLiteral("csv"),
                                                 QStringLiteral("--what"),
                                                 QStringLiteral("moods")}
                                  << QStringLiteral("plays or top");
    }

    void badArgumentsAreUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
    }

    void exportsPlaysAsCsv()
    {
        const Run result = run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(result.exitCode, 0);
        const QList<QStringList> records = parseCsv(result.out);
        QCOMPARE(records.size(), 5); // the header and four plays, oldest first
        const QStringList header = records[0];
        QCOMPARE(header.first(), QStringLiteral("played_at"));
        const auto field = [&](int record, const char *name) {
            return records[record].value(header.indexOf(QLatin1String(name)));
        };
        QCOMPARE(records[1].size(), header.size());
        QCOMPARE(field(1, "played_at"), QStringLiteral("2024-01-01T10:00:00.000Z"));
        QCOMPARE(field(1, "track"), QStringLiteral("Hello, \"World\""));
        QCOMPARE(field(1, "album"), QStringLiteral("Al1"));
        QCOMPARE(field(1, "ms_played"), QStringLiteral("200000"));
        QCOMPARE(field(1, "shuffle"), QStringLiteral("1"));
        QCOMPARE(field(3, "skipped"), QStringLiteral("1"));
        QCOMPARE(field(3, "artists"), QStringLiteral("Beta; Alpha"));
        QCOMPARE(field(4, "source"), QStringLiteral("polled"));
        QCOMPARE(field(4, "ms_played"), QString());
        QCOMPARE(field(4, "skipped"), QString()); // unknown stays empty
    }

    void exportsPlaysAsJsonToAFile()
    {
        const QString path = m_home.filePath(QStringLiteral("plays.json"));
        const Run result = run({QStringLiteral("export"),
                                QStringLiteral("--format"),
                                QStringLiteral("json"),
                                QStringLiteral("--from"),
                                QStringLiteral("2024-01-02"),
                                QStringLiteral("--output"),
                                path});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonArray plays = QJsonDocument::fromJson(file.readAll(), &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        // From Berlin 01-02 00:00 (01-01 23:00Z): p2, p3, p4.
        QCOMPARE(plays.size(), 3);
        QCOMPARE(plays[0][QStringLiteral("played_at")].toString(), QStringLiteral("2024-01-01T23:30:00.000Z"));
        QCOMPARE(plays[1][QStringLiteral("artists")].toArray().size(), 2);
        QCOMPARE(plays[1][QStringLiteral("skipped")].toBool(), true);
        QVERIFY(plays[2][QStringLiteral("ms_played")].isNull());
        QVERIFY(plays[2][QStringLiteral("album")].isNull());
    }

    void exportsTopLists()
    {
        const Run csv = run({QStringLiteral("export"),
                             QStringLiteral("--format"),
                             QStringLiteral("csv"),
                             QStringLiteral("--what"),
                             QStringLiteral("top")});
        QCOMPARE(csv.exitCode, 0);
        const QList<QStringList> records = parseCsv(csv.out);
        // Header, artists Alpha and Beta, tracks 'Hello, "World"' (2) and Plain (1), album Al1.
        QCOMPARE(records.size(), 6);
        QCOMPARE(records[1],
                 (QStringList{QStringLiteral("artists"),
                              QStringLiteral("1"),
                              QStringLiteral("sA"),
                              QStringLiteral("Alpha"),
                              QString(),
                              QString(),
                              QStringLiteral("3"),
                              QStringLiteral("8")}));
        QCOMPARE(records[3][3], QStringLiteral("Hello, \"World\""));
        QCOMPARE(records[5][0], QStringLiteral("albums"));
        const Run json = run({QStringLiteral("export"),
                              QStringLiteral("--format"),
                              QStringLiteral("json"),
                              QStringLiteral("--what"),
                              QStringLiteral("top"),
                              QStringLiteral("--limit"),
                              QStringLiteral("1")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject top = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(top[QStringLiteral("tracks")].toArray().size(), 1);
        QCOMPARE(top[QStringLiteral("tracks")][0][QStringLiteral("plays")].toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestStatsCli)
#include "tst_statscli.moc"
