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
    bool dryRun = false; // compute the same report, write nothing
    bool includeIncognito = false; // store private-session plays (incognito = 1) instead of skipping them
};

struct ImportProgress {
    qint64 bytesDone = 0; // of the paths given, as read from disk (a zip's compressed bytes)
    qint64 bytesTotal = 0;
    qint64 rows = 0;
    QString file;
};

// Imports Spotify's privacy export into the cache: zips (read entry by entry with libarchive, never unpacked),
// folders (recursively) and single files, of every generation (see ImportFileReport::Kind). Each file is one
// transaction: a malformed one is reported with its position and stores nothing, and the others still import.
// A file whose content (SHA-256) was imported before changes nothing.
//
// Runs on the store's thread (a StoreThread job) with its connection; progress is reported from there.
class HistoryImporter
{
public:
    static constexpr qint64 PlayThresholdMs = 30'000;
    // How much WAL an import lets build up before a checkpoint (at the end of a file): see run().
    static constexpr qint64 ImportWalBytes = 256 * 1024 * 1024;

    using ProgressCallback = std::function<void(const ImportProgress &)>;

    HistoryImporter(SqliteDatabase &database, ImportOptions options);

    void setProgressCallback(ProgressCallback callback);
    // Checked between chunks: once set, the file being read is rolled back and the import stops.
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
