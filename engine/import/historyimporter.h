#pragma once

#include "engine/import/importreport.h"
#include "engine/model/result.h"
#include "engine/store/sqlitedatabase.h"

#include <QStringList>

#include <atomic>
#include <functional>

namespace engine
{

struct ImportOptions {
    // A file of Spotify's export holds 15,000 to 40,000 rows (10 to 15 MB); a parsed row takes about 230 bytes
    // (its fields and texts), so the largest file held takes about 9 MB. 65,536 rows (four reader chunks, about
    // 15 MB) leave room for larger files while bounding what one merged or made by hand could take.
    static constexpr qint64 MaxHeldFileRows = 65'536;

    bool dryRun = false; // compute the same report, write nothing
    bool includeIncognito = false; // store private-session plays (incognito = 1) instead of skipping them
    qint64 batchRows = 500'000; // rows after which a batch is committed, at the end of the file passing it
    // Rows of a file held in memory until its end shows it well formed, so that it is written without a
    // savepoint (see HistoryImporter); a file with more is written as it is read, inside a SAVEPOINT.
    qint64 heldFileRows = MaxHeldFileRows;
};

struct ImportProgress {
    qint64 bytesDone = 0; // of the paths given, as read from disk (a zip's compressed bytes)
    qint64 bytesTotal = 0;
    qint64 rows = 0;
    QString file;
};

// Imports Spotify's privacy export into the cache: zips (read entry by entry with libarchive, never unpacked),
// folders (recursively) and single files, of every generation (see ImportFileReport::Kind).
//
// Two threads share the work: a reader thread parses the files and applies the rules that need only the row,
// and hands the rows to store over a bounded queue (a few chunks of ChunkRows rows, so memory does not grow
// with the export) to run()'s own thread, which resolves tracks and writes.
//
// Transactions: the run writes in batches. A batch is one transaction holding whole files. The writer holds a
// file's parsed rows (beside the queue) until the file's end shows it well formed, and only then writes them,
// so that a malformed file stores nothing (it is reported with its position) and the other files of the batch
// still import. A failure while a file is written is one of the cache (a full disk, an I/O error): its batch is
// rolled back and the import fails. A file of more than ImportOptions::heldFileRows rows is written as it is
// read instead, in its own SAVEPOINT, which a malformed end rolls back alone. Savepoints are not the rule
// because SQLite copies every page a savepoint changes to a temporary sub-journal: at a million rows that was
// about a quarter of the writing thread's time.
//
// A batch is committed at the first file boundary after ImportOptions::batchRows rows, and at the end of the
// run (or when it is cancelled: the file being read stores nothing, the ones before it are committed). A crash
// loses at most the batch not yet committed, which importing again completes: a file whose content (SHA-256)
// was imported before changes nothing, and a listen already stored is recognised by its track and time. A dry
// run is one transaction, rolled back at the end.
//
// Foreign keys are off while a batch is written (SQLite would look up the track of every play); before it is
// committed PRAGMA foreign_key_check verifies the tables the import writes (plays, tracks, track_artists,
// album_artists), and a batch naming a missing row is rolled back and the import fails.
//
// Runs on the store's thread (a StoreThread job) with its connection; progress is reported from there too.
class HistoryImporter
{
public:
    static constexpr qint64 PlayThresholdMs = 30'000;
    // How much WAL an import lets build up before a checkpoint (after a batch's commit): see run().
    static constexpr qint64 ImportWalBytes = 256 * 1024 * 1024;
    // SQLite's page cache during an import, large enough to keep a batch's dirty pages (see run()).
    static constexpr qint64 ImportCacheBytes = 128 * 1024 * 1024;

    using ProgressCallback = std::function<void(const ImportProgress &)>;

    HistoryImporter(SqliteDatabase &database, ImportOptions options);

    void setProgressCallback(ProgressCallback callback);
    // Checked between chunks: once set, the file being read stores nothing, the files before it are committed
    // and the import stops.
    void setCancelFlag(const std::atomic_bool *cancel);

    // Fails only when the cache itself cannot be used; what happened to each file is in the report.
    Result<ImportReport> run(const QStringList &paths);

private:
    SqliteDatabase *m_database = nullptr;
    ImportOptions m_options;
    ProgressCallback m_progress;
    const std::atomic_bool *m_cancel = nullptr;
};

} // namespace engine
