// Importing the privacy export into a real SQLite cache: every generation, every rule of the report, the
// merges with polled and Account-data plays, broken files, re-imports, dry runs, zips and cancellation.

#include "engine/import/historyimporter.h"
#include "engine/store/libraryrepository.h"
#include "engine/store/playrepository.h"
#include "engine/store/store.h"
#include "tests/support/testenv.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <atomic>
#include <memory>

using namespace engine;

namespace
{

const QString extendedDir = QStringLiteral("Spotify Extended Streaming History");
const QString accountDir = QStringLiteral("Spotify Account Data");

QString fixture(const QString &relative = QString())
{
    const QString root = testsupport::sourceDir() + QStringLiteral("/tests/import/fixtures/export");
    return relative.isEmpty() ? root : root + QLatin1Char('/') + relative;
}

QString extended(const QString &name)
{
    return fixture(extendedDir + QLatin1Char('/') + name);
}

QString account(const QString &name)
{
    return fixture(accountDir + QLatin1Char('/') + name);
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

QByteArray fileSha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

// A zip of the fixture export, built the way Spotify delivers it: folders inside one archive.
bool zipFolder(const QString &folder, const QString &zipPath)
{
    archive *writer = archive_write_new();
    archive_write_set_format_zip(writer);
    if (archive_write_open_filename(writer, QFile::encodeName(zipPath).constData()) != ARCHIVE_OK) {
        archive_write_free(writer);
        return false;
    }
    QStringList files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files.append(it.next());
    }
    files.sort();
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return false;
        }
        const QByteArray content = file.readAll();
        const QByteArray name = QByteArray("my_spotify_data/") + QDir(folder).relativeFilePath(path).toUtf8();
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.constData());
        archive_entry_set_size(entry, content.size());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_write_header(writer, entry);
        archive_write_data(writer, content.constData(), size_t(content.size()));
        archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
    return true;
}

class Cache
{
public:
    Cache()
    {
        open();
    }

    void open()
    {
        m_outcome = Store::open(m_dir.path());
    }
    void close()
    {
        m_outcome.store.reset();
    }
    bool isOpen() const
    {
        return m_outcome.store != nullptr;
    }
    QString path() const
    {
        return m_dir.filePath(QString::fromLatin1(Store::DatabaseFileName));
    }
    QString dir() const
    {
        return m_dir.path();
    }
    SqliteDatabase &database()
    {
        return m_outcome.store->database();
    }

    Result<ImportReport> import(const QStringList &paths, ImportOptions options = {})
    {
        HistoryImporter importer(database(), options);
        return importer.run(paths);
    }

    QVariant scalar(const QByteArray &sql)
    {
        const auto value = database().scalar(sql);
        return value ? value.value() : QVariant(QStringLiteral("error: ") + value.error().message);
    }

    QList<QVariantList> rows(const QByteArray &sql)
    {
        auto statement = database().prepare(sql);
        if (!statement) {
            return {};
        }
        const auto result = statement.value().query();
        return result ? result.value() : QList<QVariantList>();
    }

    // Everything an import may write, in a stable order: two caches with the same dump hold the same history.
    QString dump()
    {
        QString text;
        for (const char *table : {"artists", "albums", "album_artists", "tracks", "track_artists", "plays"}) {
            auto statement = database().prepare(QByteArray("SELECT * FROM ") + table + " ORDER BY 1, 2");
            const auto rows = statement.value().query();
            for (const QVariantList &row : rows.value()) {
                QStringList values;
                for (const QVariant &value : row) {
                    values.append(value.isNull() ? QStringLiteral("NULL") : value.toString());
                }
                // updated_at_ms differs between two imports of the same files; it is the last column.
                if (QByteArray(table) != "plays" && QByteArray(table).endsWith('s')
                    && !QByteArray(table).contains('_')) {
                    values.removeLast();
                }
                text += QLatin1String(table) + QLatin1Char('|') + values.join(QLatin1Char('|')) + QLatin1Char('\n');
            }
        }
        text +=
            QStringLiteral("import_files|%1\n")
                .arg(
                    scalar(
                        "SELECT group_concat(sha256 || ':' || name, ',') FROM (SELECT * FROM import_files ORDER BY id)")
                        .toString());
        return text;
    }

private:
    QTemporaryDir m_dir;
    Store::Outcome m_outcome;
};

const ImportFileReport *findFile(const ImportReport &report, const QString &suffix)
{
    for (const ImportFileReport &file : report.files) {
        if (file.name.endsWith(suffix)) {
            return &file;
        }
    }
    return nullptr;
}

// The totals of the whole fixture export imported as a folder (files in sorted order: Account data first,
// then Streaming_History_Audio_…, then endsong_0.json).
ImportCounts wholeExportTotals()
{
    ImportCounts c;
    c.rowsRead = 18;
    c.playsAdded = 6;
    c.shortPlaysAdded = 2;
    c.alreadyKnown = 1;
    c.replacedAccountData = 1;
    c.accountDataNameOnly = 5;
    c.episodesSkipped = 2;
    c.audiobooksSkipped = 1;
    c.videoRowsSkipped = 2;
    c.incognitoSkipped = 1;
    c.withoutTrack = 1;
    c.withoutTime = 1;
    return c;
}

} // namespace

class ImportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsEveryGenerationFromAFolder();
    void importsTheZipWithoutUnpacking();
    void storesWhatTheExportSaysButNoAddresses();
    void reimportChangesNothing();
    void dryRunWritesNothingAndReportsTheSame();
    void extendedFirstThenAccountData();
    void mergesWithPolledPlays();
    void includesIncognitoWhenAsked();
    void brokenFilesAreReportedAndOthersImport_data();
    void brokenFilesAreReportedAndOthersImport();
    void unknownJsonIsRecognisedByContent();
    void cancelStopsAndKeepsNothingOfTheFile();
    void reportsProgress();
    void checkpointsWaitForTheEndOfTheImport();
    void brokenFileInABatchRollsBackAlone();
    void cancelInABatchCommitsTheFilesBefore();
    void batchesCommitAtFileBoundaries_data();
    void batchesCommitAtFileBoundaries();
    void theFirstOfTheSameListenInAFileWins();
    void overlappingExportsOfManyRowsAddOnlyTheNewOnes();
    void aBatchWithAPlayOfAMissingTrackIsNotCommitted();
    void largeFilesAreWrittenAsTheyAreRead_data();
    void largeFilesAreWrittenAsTheyAreRead();
    void aFailedWriteKeepsNothingOfItsFile_data();
    void aFailedWriteKeepsNothingOfItsFile();
};

void ImportTest::importsEveryGenerationFromAFolder()
{
    Cache cache;
    QVERIFY(cache.isOpen());
    const auto report = cache.import({fixture()});
    QVERIFY2(report, report ? "" : qPrintable(report.error().message));
    QCOMPARE(report.value().totals, wholeExportTotals());
    QCOMPARE(report.value().failedFiles(), 0);
    QCOMPARE(report.value().files.size(), 8);

    using S = ImportFileReport::Status;
    using K = ImportFileReport::Kind;
    const struct {
        const char *suffix;
        K kind;
        S status;
        qint64 rows;
    } expected[] = {
        {"StreamingHistory0.json", K::AccountMusic, S::Imported, 1},
        {"StreamingHistory_music_0.json", K::AccountMusic, S::Imported, 4},
        {"StreamingHistory_podcast_0.json", K::AccountOther, S::Skipped, 1},
        {"Userdata.json", K::Other, S::Ignored, 0},
        {"ReadMeFirst_ExtendedStreamingHistory.pdf", K::Other, S::Ignored, 0},
        {"Streaming_History_Audio_2023-2024_0.json", K::ExtendedHistory, S::Imported, 4},
        {"Streaming_History_Video_2023-2024.json", K::ExtendedVideo, S::Skipped, 2},
        {"endsong_0.json", K::ExtendedHistory, S::Imported, 6},
    };
    for (const auto &e : expected) {
        const ImportFileReport *file = findFile(report.value(), QString::fromLatin1(e.suffix));
        QVERIFY2(file, e.suffix);
        QCOMPARE(file->kind, e.kind);
        QCOMPARE(file->status, e.status);
        QCOMPARE(file->counts.rowsRead, e.rows);
    }
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 8);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays WHERE minute_precision = 1").toLongLong(), 4);
    QCOMPARE(cache.scalar("SELECT count(*) FROM import_files").toLongLong(), 4);
    // Account data has no URIs: its tracks are name-only, and the listen the extended history also has took
    // the exact time, the URI track and the details.
    QCOMPARE(cache.scalar("SELECT count(*) FROM tracks WHERE spotify_id IS NULL").toLongLong(), 4);
    const auto replaced = cache.rows("SELECT p.played_at_ms, t.spotify_id, p.platform, p.minute_precision, p.ms_played "
                                     "FROM plays p JOIN tracks t ON t.id = p.track_id WHERE t.name = "
                                     "'Harder, Better, Faster, Stronger'");
    QCOMPARE(replaced.size(), 1);
    QCOMPARE(replaced.first().value(0).toLongLong(), 1699136376000); // 2023-11-04T22:19:36Z
    QCOMPARE(replaced.first().value(1).toString(), QStringLiteral("5W3cjX2J3tjhG8zb6u0qHn"));
    QCOMPARE(replaced.first().value(2).toString(), QStringLiteral("ios"));
    QCOMPARE(replaced.first().value(3).toLongLong(), 0);
    QCOMPARE(replaced.first().value(4).toLongLong(), 140956);
    // endTime "2022-05-01 12:00" is UTC, to the minute.
    QCOMPARE(cache.scalar("SELECT p.played_at_ms FROM plays p JOIN tracks t ON t.id = p.track_id WHERE t.name = 'Halo'")
                 .toLongLong(),
             1651406400000);
}

void ImportTest::importsTheZipWithoutUnpacking()
{
    QTemporaryDir dir;
    const QString zipPath = dir.filePath(QStringLiteral("my_spotify_data.zip"));
    QVERIFY(zipFolder(fixture(), zipPath));
    Cache cache;
    const auto report = cache.import({zipPath});
    QVERIFY(report);
    QCOMPARE(report.value().totals, wholeExportTotals());
    const ImportFileReport *endsong = findFile(report.value(), QStringLiteral("/endsong_0.json"));
    QVERIFY(endsong);
    QCOMPARE(endsong->name,
             zipPath + QStringLiteral("/my_spotify_data/Spotify Extended Streaming History/endsong_0.json"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("my_spotify_data.zip")});
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 8);

    // Not a zip at all, though named like one: reported, nothing else happens.
    writeFile(dir.filePath(QStringLiteral("broken.zip")), QByteArrayLiteral("PK\x03\x04 not really"));
    const auto broken = cache.import({dir.filePath(QStringLiteral("broken.zip"))});
    QVERIFY(broken);
    QCOMPARE(broken.value().failedFiles(), 1);
    QVERIFY2(broken.value().files.first().error.startsWith(dir.filePath(QStringLiteral("broken.zip"))
                                                           + QStringLiteral(": ")),
             qPrintable(broken.value().files.first().error));
}

void ImportTest::storesWhatTheExportSaysButNoAddresses()
{
    Cache cache;
    QVERIFY(cache.import({extended(QStringLiteral("endsong_0.json"))}));
    const auto rows = cache.rows("SELECT p.played_at_ms, p.ms_played, p.source, p.skipped, p.shuffle, p.offline, "
                                 "p.platform, p.reason_start, p.reason_end, p.conn_country, p.incognito, "
                                 "p.minute_precision, t.spotify_id, t.name, a.name, al.name FROM plays p JOIN tracks t "
                                 "ON t.id = p.track_id JOIN track_artists ta ON ta.track_id = t.id JOIN artists a ON "
                                 "a.id = ta.artist_id JOIN albums al ON al.id = t.album_id ORDER BY p.played_at_ms");
    QCOMPARE(rows.size(), 2);
    const QVariantList &first = rows.at(0);
    QCOMPARE(first.value(0).toLongLong(), 1551434600000); // 2019-03-01T10:03:20Z
    QCOMPARE(first.value(1).toLongLong(), 320000);
    QCOMPARE(first.value(2).toString(), QStringLiteral("imported"));
    QVERIFY(first.value(3).isNull()); // "skipped": null stays unknown
    QCOMPARE(first.value(4).toLongLong(), 0);
    QCOMPARE(first.value(6).toString(), QStringLiteral("Android OS 9 API 28 (samsung, SM-G960F)"));
    QCOMPARE(first.value(7).toString(), QStringLiteral("clickrow"));
    QCOMPARE(first.value(8).toString(), QStringLiteral("trackdone"));
    QCOMPARE(first.value(9).toString(), QStringLiteral("DE"));
    QCOMPARE(first.value(10).toLongLong(), 0);
    QCOMPARE(first.value(12).toString(), QStringLiteral("0DiWol3AO6WpXZgp0goxAV"));
    QCOMPARE(first.value(13).toString(), QStringLiteral("One More Time"));
    QCOMPARE(first.value(14).toString(), QStringLiteral("Daft Punk"));
    QCOMPARE(first.value(15).toString(), QStringLiteral("Discovery"));
    const QVariantList &skip = rows.at(1);
    QCOMPARE(skip.value(1).toLongLong(), 4000); // kept, a skip for the statistics
    QCOMPARE(skip.value(3).toLongLong(), 1);
    QCOMPARE(skip.value(8).toString(), QStringLiteral("fwdbtn"));

    cache.close();
    QFile file(cache.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains("198.51.100.7"));
    QVERIFY(!bytes.contains("wizzler"));
}

void ImportTest::reimportChangesNothing()
{
    Cache cache;
    QVERIFY(cache.import({fixture()}));
    const QString before = cache.dump();
    const auto again = cache.import({fixture()});
    QVERIFY(again);
    QCOMPARE(again.value().totals.playsAdded, 0);
    QCOMPARE(again.value().failedFiles(), 0);
    for (const char *name : {"endsong_0.json",
                             "Streaming_History_Audio_2023-2024_0.json",
                             "StreamingHistory0.json",
                             "StreamingHistory_music_0.json"}) {
        const ImportFileReport *file = findFile(again.value(), QString::fromLatin1(name));
        QVERIFY(file);
        QCOMPARE(file->status, ImportFileReport::Status::AlreadyImported);
    }
    QCOMPARE(cache.dump(), before);

    // The same rows in a file with other content (a copy with one more row) add only the new row.
    QTemporaryDir dir;
    QFile source(extended(QStringLiteral("Streaming_History_Audio_2023-2024_0.json")));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QByteArray copy = source.readAll().trimmed();
    copy.chop(1);
    copy += ",\n{\"ts\":\"2024-01-01T00:00:00Z\",\"ms_played\":90000,\"spotify_track_uri\":\"spotify:track:"
            "0DiWol3AO6WpXZgp0goxAV\","
            "\"master_metadata_track_name\":\"One More Time\",\"master_metadata_album_artist_name\":\"Daft Punk\"}]";
    writeFile(dir.filePath(QStringLiteral("Streaming_History_Audio_2024_1.json")), copy);
    const auto overlapping = cache.import({dir.filePath(QStringLiteral("Streaming_History_Audio_2024_1.json"))});
    QVERIFY(overlapping);
    QCOMPARE(overlapping.value().totals.playsAdded, 1);
    QCOMPARE(overlapping.value().totals.alreadyKnown, 3);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 9);
}

void ImportTest::dryRunWritesNothingAndReportsTheSame()
{
    Cache cache;
    cache.close();
    const QByteArray before = fileSha256(cache.path());
    QVERIFY(!before.isEmpty());
    cache.open();
    const auto dry = cache.import({fixture()}, ImportOptions{true, false});
    QVERIFY(dry);
    QVERIFY(dry.value().dryRun);
    QCOMPARE(dry.value().totals, wholeExportTotals());
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 0);
    cache.close();
    QCOMPARE(fileSha256(cache.path()), before);

    cache.open();
    const auto real = cache.import({fixture()});
    QVERIFY(real);
    QCOMPARE(real.value().totals, dry.value().totals);
}

void ImportTest::extendedFirstThenAccountData()
{
    Cache cache;
    QVERIFY(cache.import({extended(QStringLiteral("endsong_0.json")),
                          extended(QStringLiteral("Streaming_History_Audio_2023-2024_0.json"))}));
    const auto report = cache.import({account(QStringLiteral("StreamingHistory_music_0.json"))});
    QVERIFY(report);
    ImportCounts expected;
    expected.rowsRead = 4;
    expected.sameAsKnownListen = 1; // 22:19 is the listen the extended history has at 22:19:36
    expected.accountDataMatched = 2; // "DAFT PUNK" / "one more time" is the known track
    expected.accountDataNameOnly = 2;
    expected.playsAdded = 2;
    expected.shortPlaysAdded = 1;
    QCOMPARE(report.value().totals, expected);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 7);
    QCOMPARE(cache
                 .scalar("SELECT t.spotify_id FROM plays p JOIN tracks t ON t.id = p.track_id WHERE "
                         "p.played_at_ms = 1699254900000")
                 .toString(),
             QStringLiteral("0DiWol3AO6WpXZgp0goxAV")); // 2023-11-06 07:15
}

void ImportTest::mergesWithPolledPlays()
{
    Cache cache;
    {
        auto library = LibraryRepository::create(cache.database());
        QVERIFY(library);
        auto plays = PlayRepository::create(cache.database(), library.value());
        QVERIFY(plays);
        Play polled;
        polled.track.spotifyId = QStringLiteral("5W3cjX2J3tjhG8zb6u0qHn");
        polled.track.name = QStringLiteral("Harder, Better, Faster, Stronger");
        polled.track.durationMs = 224693;
        polled.track.artists = {ArtistRef{QStringLiteral("4tZwfgrHOc3mvqYlEYSvVi"), QStringLiteral("Daft Punk")}};
        polled.playedAtMs = 1699136376000 + 40'000; // the Web API's clock, 40 s after the export's
        polled.contextUri = QStringLiteral("spotify:playlist:37i9dQZF1DXcBWIGoYBM5M");
        QCOMPARE(plays.value().insertPlays({polled}).value(), 1);
    }
    const auto report = cache.import({extended(QStringLiteral("Streaming_History_Audio_2023-2024_0.json"))});
    QVERIFY(report);
    QCOMPARE(report.value().totals.mergedWithPolled, 1);
    QCOMPARE(report.value().totals.playsAdded, 2);
    const auto row =
        cache.rows("SELECT source, played_at_ms, ms_played, skipped, platform, reason_end, context_uri FROM "
                   "plays p JOIN tracks t ON t.id = p.track_id WHERE t.spotify_id = '5W3cjX2J3tjhG8zb6u0qHn'");
    QCOMPARE(row.size(), 1);
    QCOMPARE(row.first().value(0).toString(), QStringLiteral("polled"));
    QCOMPARE(row.first().value(1).toLongLong(), 1699136416000);
    QCOMPARE(row.first().value(2).toLongLong(), 140956);
    QCOMPARE(row.first().value(3).toLongLong(), 1);
    QCOMPARE(row.first().value(4).toString(), QStringLiteral("ios"));
    QCOMPARE(row.first().value(5).toString(), QStringLiteral("backbtn"));
    QCOMPARE(row.first().value(6).toString(), QStringLiteral("spotify:playlist:37i9dQZF1DXcBWIGoYBM5M"));
    // The synced track keeps its artist with a Spotify id: the export's name-only artist does not replace it.
    QCOMPARE(cache
                 .scalar("SELECT a.spotify_id FROM tracks t JOIN track_artists ta ON ta.track_id = t.id JOIN artists "
                         "a ON a.id = ta.artist_id WHERE t.spotify_id = '5W3cjX2J3tjhG8zb6u0qHn'")
                 .toString(),
             QStringLiteral("4tZwfgrHOc3mvqYlEYSvVi"));
}

void ImportTest::includesIncognitoWhenAsked()
{
    Cache cache;
    const auto report = cache.import({extended(QStringLiteral("endsong_0.json"))}, ImportOptions{false, true});
    QVERIFY(report);
    QCOMPARE(report.value().totals.incognitoSkipped, 0);
    QCOMPARE(report.value().totals.incognitoImported, 1);
    QCOMPARE(report.value().totals.playsAdded, 2);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays WHERE incognito = 1").toLongLong(), 1);
}

void ImportTest::brokenFilesAreReportedAndOthersImport_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("error");

    const QByteArray good =
        "[{\"ts\":\"2020-01-01T00:00:00Z\",\"ms_played\":60000,\"spotify_track_uri\":"
        "\"spotify:track:0DiWol3AO6WpXZgp0goxAV\",\"master_metadata_track_name\":\"One More Time\"},\n";
    QTest::addRow("truncated") << good + "{\"ts\":\"2020-01-01T00:05:00Z\",\"ms_pla"
                               << QStringLiteral("byte 190 (line 2, column 37): the file ends inside a string");
    QTest::addRow("not-json") << QByteArray("<html>Not found</html>")
                              << QStringLiteral(
                                     "byte 0 (line 1, column 1): expected '[' (a JSON array of objects), found '<'");
    QTest::addRow("wrong-type") << good + "{\"ts\":\"2020-01-01T00:05:00Z\",\"ms_played\":\"60000\"}]"
                                << QStringLiteral(
                                       "byte 195 (line 2, column 42): \"ms_played\" must be a number or null");
    QTest::addRow("bad-escape") << good + "{\"ts\":\"2020-01-01T00:05:00Z\",\"master_metadata_track_name\":\"a\\xb\"}]"
                                << QStringLiteral("byte 214 (line 2, column 61): an invalid escape \\'x' in a string");
    QTest::addRow("bad-time")
        << good + "{\"ts\":\"yesterday\"}]"
        << QStringLiteral(
               "byte 160 (line 2, column 7): \"ts\" must be a UTC date and time like \"2023-11-04T22:19:36Z\"");
}

void ImportTest::brokenFilesAreReportedAndOthersImport()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("endsong_1.json"));
    writeFile(broken, content);
    Cache cache;
    const auto report = cache.import({broken, extended(QStringLiteral("Streaming_History_Audio_2023-2024_0.json"))});
    QVERIFY(report);
    QCOMPARE(report.value().failedFiles(), 1);
    const ImportFileReport *failed = findFile(report.value(), QStringLiteral("endsong_1.json"));
    QVERIFY(failed);
    QCOMPARE(failed->status, ImportFileReport::Status::Failed);
    QCOMPARE(failed->error, broken + QStringLiteral(": ") + error);
    QCOMPARE(failed->counts, ImportCounts{});
    // Nothing of the broken file, all of the good one.
    QCOMPARE(report.value().totals.playsAdded, 3);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 3);
    QCOMPARE(cache.scalar("SELECT count(*) FROM import_files").toLongLong(), 1);
}

void ImportTest::unknownJsonIsRecognisedByContent()
{
    QTemporaryDir dir;
    QVERIFY(QFile::copy(extended(QStringLiteral("endsong_0.json")), dir.filePath(QStringLiteral("history (1).json"))));
    QVERIFY(QFile::copy(account(QStringLiteral("StreamingHistory0.json")), dir.filePath(QStringLiteral("mine.json"))));
    writeFile(dir.filePath(QStringLiteral("Playlist1.json")), "[{\"name\":\"Road trip\",\"items\":[]}]");
    Cache cache;
    const auto report = cache.import({dir.path()});
    QVERIFY(report);
    QCOMPARE(findFile(report.value(), QStringLiteral("history (1).json"))->kind,
             ImportFileReport::Kind::ExtendedHistory);
    QCOMPARE(findFile(report.value(), QStringLiteral("mine.json"))->kind, ImportFileReport::Kind::AccountMusic);
    QCOMPARE(findFile(report.value(), QStringLiteral("Playlist1.json"))->status, ImportFileReport::Status::Ignored);
    QCOMPARE(report.value().totals.playsAdded, 2);
}

void ImportTest::cancelStopsAndKeepsNothingOfTheFile()
{
    Cache cache;
    std::atomic_bool cancel = false;
    HistoryImporter importer(cache.database(), ImportOptions{});
    importer.setCancelFlag(&cancel);
    // Cancelled while the second file is being read: the first stays imported, the second leaves nothing.
    int files = 0;
    QString lastFile;
    importer.setProgressCallback([&](const ImportProgress &progress) {
        if (progress.file != lastFile) {
            lastFile = progress.file;
            ++files;
        }
        if (files == 2) {
            cancel = true;
        }
    });
    const auto report = importer.run({extended(QStringLiteral("Streaming_History_Audio_2023-2024_0.json")),
                                      extended(QStringLiteral("endsong_0.json")),
                                      account(QStringLiteral("StreamingHistory0.json"))});
    QVERIFY(report);
    QVERIFY(report.value().cancelled);
    QCOMPARE(report.value().files.size(), 2);
    QCOMPARE(report.value().files.at(0).status, ImportFileReport::Status::Imported);
    QCOMPARE(report.value().files.at(1).status, ImportFileReport::Status::Cancelled);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 3);
}

void ImportTest::reportsProgress()
{
    Cache cache;
    HistoryImporter importer(cache.database(), ImportOptions{});
    QList<ImportProgress> seen;
    importer.setProgressCallback([&seen](const ImportProgress &progress) {
        seen.append(progress);
    });
    QVERIFY(importer.run({fixture()}));
    QVERIFY(!seen.isEmpty());
    qint64 total = 0;
    QDirIterator it(fixture(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        total += QFileInfo(it.next()).size();
    }
    for (qsizetype i = 1; i < seen.size(); ++i) {
        QVERIFY(seen.at(i).bytesDone >= seen.at(i - 1).bytesDone);
        QCOMPARE(seen.at(i).bytesTotal, total);
    }
    QCOMPARE(seen.last().bytesDone, total);
    QCOMPARE(seen.last().rows, 18);
}

void ImportTest::checkpointsWaitForTheEndOfTheImport()
{
    Cache cache;
    QVERIFY(cache.database().exec("PRAGMA wal_autocheckpoint = 500"));
    const qint64 pageSize = cache.scalar("PRAGMA page_size").toLongLong();
    QVERIFY(pageSize > 0);
    HistoryImporter importer(cache.database(), ImportOptions{});
    // Progress is reported on the import's own connection, between rows: what it reads is the setting in force.
    QList<qint64> during;
    importer.setProgressCallback([&cache, &during](const ImportProgress &) {
        during.append(cache.scalar("PRAGMA wal_autocheckpoint").toLongLong());
    });
    QVERIFY(importer.run({fixture()}));
    QVERIFY(!during.isEmpty());
    for (const qint64 pages : during) {
        QCOMPARE(pages, HistoryImporter::ImportWalBytes / pageSize);
    }
    QCOMPARE(cache.scalar("PRAGMA wal_autocheckpoint").toLongLong(), 500);
}

void ImportTest::brokenFileInABatchRollsBackAlone()
{
    // Three files in one batch (one transaction): the broken one in the middle is rolled back to its savepoint,
    // the rows of the files before and after it are stored exactly once.
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("endsong_1.json"));
    writeFile(broken,
              "[{\"ts\":\"2020-01-01T00:00:00Z\",\"ms_played\":60000,\"spotify_track_uri\":"
              "\"spotify:track:1111111111111111111111\",\"master_metadata_track_name\":\"Lost\"},\n"
              "{\"ts\":\"2020-01-01T00:05:00Z\",\"ms_played\":\"oops\"}]");
    Cache cache;
    const auto report = cache.import({extended(QStringLiteral("endsong_0.json")),
                                      broken,
                                      extended(QStringLiteral("Streaming_History_Audio_2023-2024_0.json"))});
    QVERIFY(report);
    QCOMPARE(report.value().files.size(), 3);
    QCOMPARE(report.value().files.at(0).status, ImportFileReport::Status::Imported);
    QCOMPARE(report.value().files.at(1).status, ImportFileReport::Status::Failed);
    QCOMPARE(report.value().files.at(1).error,
             broken + QStringLiteral(": byte 186 (line 2, column 42): \"ms_played\" must be a number or null"));
    QCOMPARE(report.value().files.at(2).status, ImportFileReport::Status::Imported);
    // endsong_0.json stores 2 plays, the other file 3, one of which endsong_0.json had already.
    QCOMPARE(report.value().totals.playsAdded + report.value().totals.shortPlaysAdded, 4);
    QCOMPARE(report.value().totals.alreadyKnown, 1);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 4);
    QCOMPARE(cache.scalar("SELECT count(*) FROM (SELECT DISTINCT track_id, played_at_ms FROM plays)").toLongLong(), 4);
    QCOMPARE(cache.scalar("SELECT count(*) FROM tracks WHERE spotify_id = '1111111111111111111111'").toLongLong(), 0);
    QCOMPARE(cache.scalar("SELECT count(*) FROM import_files").toLongLong(), 2);
    QVERIFY(cache.database().isAutocommit());

    // The same three again: the good files are recognised, the broken one fails the same way, nothing changes.
    const QString before = cache.dump();
    const auto again = cache.import({extended(QStringLiteral("endsong_0.json")),
                                     broken,
                                     extended(QStringLiteral("Streaming_History_Audio_2023-2024_0.json"))});
    QVERIFY(again);
    QCOMPARE(again.value().files.at(0).status, ImportFileReport::Status::AlreadyImported);
    QCOMPARE(again.value().files.at(1).status, ImportFileReport::Status::Failed);
    QCOMPARE(again.value().files.at(2).status, ImportFileReport::Status::AlreadyImported);
    QCOMPARE(cache.dump(), before);
}

void ImportTest::cancelInABatchCommitsTheFilesBefore()
{
    Cache cache;
    std::atomic_bool cancel = false;
    HistoryImporter importer(cache.database(), ImportOptions{});
    importer.setCancelFlag(&cancel);
    importer.setProgressCallback([&cancel](const ImportProgress &progress) {
        if (progress.file == QLatin1String("StreamingHistory0.json")) {
            cancel = true;
        }
    });
    const QStringList paths{extended(QStringLiteral("endsong_0.json")),
                            extended(QStringLiteral("Streaming_History_Audio_2023-2024_0.json")),
                            account(QStringLiteral("StreamingHistory0.json"))};
    const auto report = importer.run(paths);
    QVERIFY(report);
    QVERIFY(report.value().cancelled);
    QCOMPARE(report.value().files.size(), 3);
    QCOMPARE(report.value().files.at(2).status, ImportFileReport::Status::Cancelled);
    // The two files before the cancelled one were in the same batch: they are committed, and consistent.
    QVERIFY(cache.database().isAutocommit());
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 4);
    QCOMPARE(cache.scalar("SELECT sum(plays_added) FROM import_files").toLongLong(), 4);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays WHERE minute_precision = 1").toLongLong(), 0);
    QCOMPARE(cache.scalar("PRAGMA integrity_check").toString(), QStringLiteral("ok"));
    QVERIFY(cache.rows("PRAGMA foreign_key_check").isEmpty());

    // Importing again finishes the job: the committed files change nothing, the cancelled one is stored.
    const auto resumed = cache.import(paths);
    QVERIFY(resumed);
    QCOMPARE(resumed.value().files.at(0).status, ImportFileReport::Status::AlreadyImported);
    QCOMPARE(resumed.value().files.at(1).status, ImportFileReport::Status::AlreadyImported);
    QCOMPARE(resumed.value().files.at(2).status, ImportFileReport::Status::Imported);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 5);
}

void ImportTest::batchesCommitAtFileBoundaries_data()
{
    QTest::addColumn<qint64>("batchRows");
    QTest::addColumn<qint64>("seenDuringSecondFile");
    // endsong_0.json has 6 rows (2 stored): a batch of 1 row is committed after it, one of 500,000 is not.
    QTest::addRow("a-batch-per-file") << qint64(1) << qint64(2);
    QTest::addRow("one-batch") << qint64(500'000) << qint64(0);
}

void ImportTest::batchesCommitAtFileBoundaries()
{
    QFETCH(qint64, batchRows);
    QFETCH(qint64, seenDuringSecondFile);
    Cache cache;
    ImportOptions options;
    options.batchRows = batchRows;
    HistoryImporter importer(cache.database(), options);
    // Another connection sees only what is committed.
    auto other = SqliteDatabase::open(cache.path(), SqliteDatabase::Mode::ReadOnly);
    QVERIFY(other);
    QList<qint64> seen;
    importer.setProgressCallback([&other, &seen](const ImportProgress &progress) {
        if (progress.file == QLatin1String("Streaming_History_Audio_2023-2024_0.json")) {
            seen.append(other.value().scalar("SELECT count(*) FROM plays").value().toLongLong());
        }
    });
    QVERIFY(importer.run({extended(QStringLiteral("endsong_0.json")),
                          extended(QStringLiteral("Streaming_History_Audio_2023-2024_0.json"))}));
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.first(), seenDuringSecondFile);
    QCOMPARE(other.value().scalar("SELECT count(*) FROM plays").value().toLongLong(), 4);
}

void ImportTest::theFirstOfTheSameListenInAFileWins()
{
    // Rows that cannot merge are written sorted by track and time: the order of the file still decides which
    // of two rows of the same listen is kept, and every track keeps the id of its first appearance.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("endsong_0.json"));
    QByteArray rows = "[";
    for (int i = 0; i < 6; ++i) {
        // Tracks B, A, B, A, …: later rows of a track have earlier times, so sorting reorders everything.
        const char id = i % 2 == 0 ? 'B' : 'A';
        rows += "{\"ts\":\"2020-01-0" + QByteArray::number(6 - i) + "T00:00:00Z\",\"ms_played\":60000,"
            + "\"platform\":\"first\",\"spotify_track_uri\":\"spotify:track:" + QByteArray(22, id)
            + "\",\"master_metadata_track_name\":\"Song " + id + "\"},\n";
    }
    rows += "{\"ts\":\"2020-01-06T00:00:00Z\",\"ms_played\":60000,\"platform\":\"second\","
            "\"spotify_track_uri\":\"spotify:track:BBBBBBBBBBBBBBBBBBBBBB\",\"master_metadata_track_name\":"
            "\"Song B\"}]";
    writeFile(path, rows);
    Cache cache;
    const auto report = cache.import({path});
    QVERIFY(report);
    QCOMPARE(report.value().totals.playsAdded, 6);
    QCOMPARE(report.value().totals.alreadyKnown, 1);
    QCOMPARE(cache.scalar("SELECT group_concat(spotify_id, ',') FROM (SELECT spotify_id FROM tracks ORDER BY id)")
                 .toString(),
             QStringLiteral("BBBBBBBBBBBBBBBBBBBBBB,AAAAAAAAAAAAAAAAAAAAAA"));
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays WHERE platform = 'first'").toLongLong(), 6);
}

void ImportTest::overlappingExportsOfManyRowsAddOnlyTheNewOnes()
{
    // Rows that cannot merge are stored many to a statement (PlayRepository::ImportRowsPerStatement): every
    // row keeps its own outcome when some of a statement's rows are stored already or repeat one before them.
    const auto rowJson = [](int i, const QByteArray &platform) -> QByteArray {
        const qint64 at = QDateTime(QDate(2021, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() + qint64(i) * 420'000;
        QByteArray row = "{\"ts\":\"" + QDateTime::fromMSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODate).toLatin1()
            + "\",\"platform\":\"" + platform + "\",\"ms_played\":" + (i % 5 == 0 ? "10000" : "200000")
            + ",\"spotify_track_uri\":\"spotify:track:" + QByteArray(21, 'T') + char('a' + i % 7)
            + "\",\"master_metadata_track_name\":\"Song " + QByteArray::number(i % 7)
            + "\",\"master_metadata_album_artist_name\":\"Artist\",\"reason_end\":\"trackdone\",\"skipped\":"
            + (i % 3 == 0       ? "true"
                   : i % 3 == 1 ? "false"
                                : "null");
        if (i % 2 == 0) {
            row += ",\"conn_country\":\"SE\"";
        }
        return row + "}";
    };
    const auto writeRows = [&rowJson](const QString &path, int from, int to, const QByteArray &platform) {
        QByteArrayList rows;
        for (int i = from; i < to; ++i) {
            rows.append(rowJson(i, platform));
        }
        if (from == 0) {
            rows.append(rowJson(10, "repeated")); // the same listen again, last in the file
        }
        writeFile(path, "[" + rows.join(",\n") + "]");
    };
    QTemporaryDir dir;
    const QString first = dir.filePath(QStringLiteral("Streaming_History_Audio_2021_0.json"));
    const QString second = dir.filePath(QStringLiteral("Streaming_History_Audio_2021_1.json"));
    const QString third = dir.filePath(QStringLiteral("Streaming_History_Audio_2021_2.json"));
    writeRows(first, 0, 150, "first");
    writeRows(second, 100, 250, "second");
    writeRows(third, 0, 250, "third");
    Cache cache;

    const auto firstReport = cache.import({first});
    QVERIFY(firstReport);
    QCOMPARE(firstReport.value().totals.playsAdded, 120);
    QCOMPARE(firstReport.value().totals.shortPlaysAdded, 30);
    QCOMPARE(firstReport.value().totals.alreadyKnown, 1);
    const qint64 row7 = QDateTime(QDate(2021, 1, 1), QTime(0, 49), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 150);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays WHERE platform = 'repeated'").toLongLong(), 0);
    QCOMPARE(cache
                 .scalar("SELECT ms_played || '|' || skipped || '|' || platform || '|' || reason_end || '|' || "
                         "coalesce(conn_country, 'null') || '|' || source || '|' || minute_precision || '|' || "
                         "incognito || '|' || coalesce(reason_start, 'null') || '|' || coalesce(shuffle, 'null') "
                         "FROM plays WHERE played_at_ms = "
                         + QByteArray::number(row7))
                 .toString(),
             QStringLiteral("200000|0|first|trackdone|null|imported|0|0|null|null"));
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays WHERE skipped IS NULL").toLongLong(), 50);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays WHERE conn_country = 'SE'").toLongLong(), 75);

    // Sorted by track and time, each statement of this one holds rows known already and new ones.
    const auto secondReport = cache.import({second});
    QVERIFY(secondReport);
    QCOMPARE(secondReport.value().totals.playsAdded, 80);
    QCOMPARE(secondReport.value().totals.shortPlaysAdded, 20);
    QCOMPARE(secondReport.value().totals.alreadyKnown, 50);

    // Every row of this one is known: no play changes.
    const QByteArray playsSql = "SELECT group_concat(play, ',') FROM (SELECT id || ':' || track_id || ':' || "
                                "played_at_ms || ':' || platform AS play FROM plays ORDER BY id)";
    const QString before = cache.scalar(playsSql).toString();
    const auto thirdReport = cache.import({third});
    QVERIFY(thirdReport);
    QCOMPARE(thirdReport.value().totals.playsAdded + thirdReport.value().totals.shortPlaysAdded, 0);
    QCOMPARE(thirdReport.value().totals.alreadyKnown, 251);
    QCOMPARE(cache.scalar(playsSql).toString(), before);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 250);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays WHERE platform = 'third'").toLongLong(), 0);
    QCOMPARE(cache.scalar("SELECT count(DISTINCT played_at_ms) FROM plays").toLongLong(), 250);
}

void ImportTest::aBatchWithAPlayOfAMissingTrackIsNotCommitted()
{
    // SQLite does not look up the track of each play during an import; the batch is checked before its
    // commit. A trigger takes a track away behind the importer's back, which the check has to catch.
    Cache cache;
    QVERIFY(cache.database().exec("CREATE TEMP TRIGGER lose_track AFTER INSERT ON main.plays BEGIN "
                                  "DELETE FROM track_artists WHERE track_id = NEW.track_id; "
                                  "DELETE FROM tracks WHERE id = NEW.track_id; END"));
    const auto report = cache.import({extended(QStringLiteral("endsong_0.json"))});
    QVERIFY(!report);
    QVERIFY2(report.error().message.contains(QStringLiteral("rows of plays that refer to missing rows in")),
             qPrintable(report.error().message));
    QVERIFY(cache.database().isAutocommit());
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 0);
    QCOMPARE(cache.scalar("SELECT count(*) FROM import_files").toLongLong(), 0);
    // The connection checks foreign keys again.
    QCOMPARE(cache.scalar("PRAGMA foreign_keys").toLongLong(), 1);
}

void ImportTest::largeFilesAreWrittenAsTheyAreRead_data()
{
    QTest::addColumn<qint64>("heldFileRows");
    QTest::addColumn<QString>("ending"); // "good", "broken" (malformed at its end) or "cancelled" (half-way)
    // 40,000 rows come in three chunks of the reader. Held whole, nothing is written before the file's end;
    // above the limit the file is written as it is read, in a savepoint that a malformed end or a cancel rolls
    // back.
    for (const char *ending : {"good", "broken", "cancelled"}) {
        QTest::addRow("held-%s", ending) << ImportOptions::MaxHeldFileRows << QString::fromLatin1(ending);
        QTest::addRow("savepoint-%s", ending) << qint64(20'000) << QString::fromLatin1(ending);
    }
}

void ImportTest::largeFilesAreWrittenAsTheyAreRead()
{
    QFETCH(qint64, heldFileRows);
    QFETCH(QString, ending);
    const bool broken = ending == QLatin1String("broken");
    const bool cancelled = ending == QLatin1String("cancelled");
    constexpr int rowCount = 40'000;
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("Streaming_History_Audio_2019_0.json"));
    QByteArray content = "[";
    const qint64 start = QDateTime(QDate(2019, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    for (int i = 0; i < rowCount; ++i) {
        const QByteArray track = QByteArray::number(i % 300).rightJustified(22, 'B');
        content += "{\"ts\":\""
            + QDateTime::fromMSecsSinceEpoch(start + qint64(i) * 240'000, Qt::UTC).toString(Qt::ISODate).toLatin1()
            + "\",\"ms_played\":200000,\"spotify_track_uri\":\"spotify:track:" + track
            + "\",\"master_metadata_track_name\":\"Big " + track + "\"},\n";
    }
    content += broken ? "{\"ts\":\"2020-01-01T00:05:00Z\",\"ms_played\":\"oops\"}]"
                      : "{\"ts\":\"2020-01-01T00:05:00Z\",\"ms_played\":1000}]";
    writeFile(big, content);

    Cache cache;
    ImportOptions options;
    options.heldFileRows = heldFileRows;
    HistoryImporter importer(cache.database(), options);
    std::atomic_bool cancel = false;
    importer.setCancelFlag(&cancel);
    // Progress comes on the import's connection, which sees what the open transaction holds: once when the
    // file starts, then after each chunk of its rows.
    QList<qint64> seenDuringBigFile;
    importer.setProgressCallback([&](const ImportProgress &progress) {
        if (progress.file == QLatin1String("Streaming_History_Audio_2019_0.json")) {
            seenDuringBigFile.append(cache.scalar("SELECT count(*) FROM plays").toLongLong());
            cancel = cancelled && seenDuringBigFile.size() == 3;
        }
    });
    const auto report = importer.run({big, extended(QStringLiteral("endsong_0.json"))});
    QVERIFY(report);
    const bool writtenWhileRead = std::any_of(seenDuringBigFile.cbegin(), seenDuringBigFile.cend(), [](qint64 n) {
        return n > 0 && n < rowCount;
    });
    QCOMPARE(writtenWhileRead, heldFileRows < rowCount);
    QVERIFY(cache.database().isAutocommit());
    if (cancelled) {
        QVERIFY(report.value().cancelled);
        QCOMPARE(report.value().files.size(), 1);
        QCOMPARE(report.value().files.at(0).status, ImportFileReport::Status::Cancelled);
        QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 0);
        QCOMPARE(cache.scalar("SELECT count(*) FROM tracks").toLongLong(), 0);
        QCOMPARE(cache.scalar("SELECT count(*) FROM import_files").toLongLong(), 0);
        return;
    }
    QCOMPARE(report.value().files.size(), 2);
    QCOMPARE(report.value().files.at(1).status, ImportFileReport::Status::Imported);
    if (broken) {
        // Nothing of the broken file, not even its tracks; the file after it imports.
        QCOMPARE(report.value().files.at(0).status, ImportFileReport::Status::Failed);
        QVERIFY2(report.value().files.at(0).error.contains(
                     QStringLiteral("(line 40001, column 42): \"ms_played\" must be a number or null")),
                 qPrintable(report.value().files.at(0).error));
        QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), 2);
        QCOMPARE(cache.scalar("SELECT count(*) FROM tracks WHERE name LIKE 'Big %'").toLongLong(), 0);
        QCOMPARE(cache.scalar("SELECT count(*) FROM import_files").toLongLong(), 1);
        return;
    }
    QCOMPARE(report.value().files.at(0).status, ImportFileReport::Status::Imported);
    QCOMPARE(report.value().files.at(0).counts.playsAdded, rowCount);
    QCOMPARE(report.value().files.at(0).counts.withoutTrack, 1);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), rowCount + 2);
    QCOMPARE(cache.scalar("SELECT count(*) FROM tracks WHERE name LIKE 'Big %'").toLongLong(), 300);
    // Both ways store the same: the same import held whole.
    Cache reference;
    QVERIFY(reference.import({big, extended(QStringLiteral("endsong_0.json"))}));
    QCOMPARE(cache.dump(), reference.dump());
}

void ImportTest::aFailedWriteKeepsNothingOfItsFile_data()
{
    QTest::addColumn<qint64>("batchRows");
    QTest::addColumn<qint64>("heldFileRows");
    QTest::addColumn<qint64>("playsKept");
    // Written whole at its end without a savepoint, a file that fails half-way can only be taken out with its
    // batch: the file before it in the same batch goes too, one committed before stays. Written in a savepoint,
    // the file rolls back alone and the batch keeps the file before it.
    QTest::addRow("held-same-batch") << qint64(500'000) << ImportOptions::MaxHeldFileRows << qint64(0);
    QTest::addRow("held-own-batch") << qint64(1) << ImportOptions::MaxHeldFileRows << qint64(2);
    QTest::addRow("savepoint") << qint64(500'000) << qint64(0) << qint64(2);
}

void ImportTest::aFailedWriteKeepsNothingOfItsFile()
{
    QFETCH(qint64, batchRows);
    QFETCH(qint64, heldFileRows);
    QFETCH(qint64, playsKept);
    QTemporaryDir dir;
    const QString failing = dir.filePath(QStringLiteral("endsong_1.json"));
    QByteArray content = "[";
    for (int i = 0; i < 3; ++i) {
        content += "{\"ts\":\"2020-02-0" + QByteArray::number(i + 1)
            + "T00:00:00Z\",\"ms_played\":60000,\"spotify_track_uri\":\"spotify:track:" + QByteArray(21, 'F')
            + char('a' + i) + "\",\"master_metadata_track_name\":\"Failing " + QByteArray::number(i) + "\"}"
            + (i < 2 ? ",\n" : "]");
    }
    writeFile(failing, content);
    const QStringList paths{extended(QStringLiteral("endsong_0.json")), failing};

    Cache cache;
    // Stands for a full disk or an I/O error: the file's tracks are written, then storing one of its plays
    // fails.
    QVERIFY(cache.database().exec("CREATE TEMP TRIGGER fail_play AFTER INSERT ON main.plays WHEN NEW.track_id = "
                                  "(SELECT id FROM tracks WHERE spotify_id = 'FFFFFFFFFFFFFFFFFFFFFb') BEGIN "
                                  "SELECT RAISE(ABORT, 'injected failure'); END"));
    ImportOptions options;
    options.batchRows = batchRows;
    options.heldFileRows = heldFileRows;
    const auto report = cache.import(paths, options);
    QVERIFY(!report);
    QVERIFY2(report.error().message.contains(QStringLiteral("injected failure")), qPrintable(report.error().message));
    QVERIFY(cache.database().isAutocommit());
    QCOMPARE(cache.scalar("SELECT count(*) FROM tracks WHERE spotify_id LIKE 'FFFF%'").toLongLong(), 0);
    QCOMPARE(cache.scalar("SELECT count(*) FROM plays").toLongLong(), playsKept);
    QCOMPARE(cache.scalar("SELECT count(*) FROM import_files").toLongLong(), playsKept > 0 ? 1 : 0);
    QCOMPARE(cache.scalar("PRAGMA integrity_check").toString(), QStringLiteral("ok"));
    QVERIFY(cache.rows("PRAGMA foreign_key_check").isEmpty());

    // Once the cache can be written again, importing again completes it.
    QVERIFY(cache.database().exec("DROP TRIGGER fail_play"));
    QVERIFY(cache.import(paths, options));
    Cache reference;
    QVERIFY(reference.import(paths));
    QCOMPARE(cache.dump(), reference.dump());
}

QTEST_GUILESS_MAIN(ImportTest)
#include "tst_import.moc"
