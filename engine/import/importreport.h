#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace engine
{

// What an import did under each rule. A file's counts join the totals only once the file is committed (or,
// in a dry run, would have been).
struct ImportCounts {
    qint64 rowsRead = 0;
    qint64 playsAdded = 0; // new listens of at least PlayThresholdMs (or of unknown length)
    qint64 shortPlaysAdded = 0; // new listens shorter than that: skips for the statistics
    qint64 alreadyKnown = 0; // the same track at the same time was in the cache already
    qint64 mergedWithPolled = 0; // filled in a play the sync had polled (within ±90 s)
    qint64 replacedAccountData = 0; // an extended-history row took over an Account-data row of the same listen
    qint64 sameAsKnownListen = 0; // Account-data rows whose listen the cache already had with a precise time
    qint64 accountDataMatched = 0; // Account-data rows matched by artist and title to a track with a Spotify id
    qint64 accountDataNameOnly = 0; // Account-data rows kept with a name-only track
    qint64 episodesSkipped = 0;
    qint64 audiobooksSkipped = 0;
    qint64 videoRowsSkipped = 0;
    qint64 incognitoSkipped = 0;
    qint64 incognitoImported = 0;
    qint64 withoutTrack = 0; // music rows without a track URI (extended) or a title (Account data)
    qint64 withoutTime = 0; // rows without ts / endTime

    ImportCounts &operator+=(const ImportCounts &other);
    friend bool operator==(const ImportCounts &, const ImportCounts &) = default;
};

struct ImportFileReport {
    enum class Kind {
        ExtendedHistory, // endsong_N.json, Streaming_History_Audio_*.json
        ExtendedVideo, // Streaming_History_Video_*.json: rows counted, skipped
        AccountMusic, // StreamingHistory_music_N.json, StreamingHistoryN.json
        AccountOther, // Account-data podcast, audiobook and video files: rows counted, skipped
        Other, // anything else in the export (the PDF glossary, other JSON): ignored
    };
    enum class Status {
        Imported,
        AlreadyImported, // the same content was imported before: nothing changed
        Skipped, // recognised, counted, nothing to store (video, podcasts, audiobooks)
        Ignored, // not a listening-history file
        Failed, // malformed or unreadable: nothing of it was stored
        Cancelled,
    };

    QString name; // the path given, or "<zip>/<entry>"
    Kind kind = Kind::Other;
    Status status = Status::Ignored;
    ImportCounts counts;
    QString error; // for Failed: what is wrong and where
};

struct ImportReport {
    bool dryRun = false;
    bool cancelled = false;
    ImportCounts totals;
    QList<ImportFileReport> files;

    int failedFiles() const;
};

// One counter of the report, in the order reports show them. The label is English, marked for translation
// in the "ImportCounts" context (QCoreApplication::translate) for the app.
struct ImportCountEntry {
    const char *key; // the JSON key: "plays_added"
    const char *label; // "plays added (30 s or longer)"
    qint64 value = 0;
};
QList<ImportCountEntry> countEntries(const ImportCounts &counts);

QString importKindName(ImportFileReport::Kind kind); // "extended", "extended_video", "account_data", …
QString importStatusName(ImportFileReport::Status status); // "imported", "already_imported", …

QJsonObject toJson(const ImportReport &report);
// The report for a terminal: the totals under each rule, then one line per file.
QString toText(const ImportReport &report);

} // namespace engine
