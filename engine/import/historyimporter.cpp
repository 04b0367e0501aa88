#include "engine/import/historyimporter.h"

#include "engine/import/bytesource.h"
#include "engine/import/jsonarrayreader.h"
#include "engine/store/libraryrepository.h"
#include "engine/store/namekey.h"
#include "engine/store/playrepository.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcImport, "tunescout.import")

namespace engine
{

namespace
{

using Kind = ImportFileReport::Kind;
using Status = ImportFileReport::Status;

constexpr std::string_view TrackUriPrefix = "spotify:track:";

// What a file's name says it is. JSON files with any other name are recognised by their first row.
struct Classification {
    Kind kind = Kind::Other;
    bool sniff = false; // an unknown .json file
    qint64 ImportCounts::*otherRows = nullptr; // for files whose rows are counted and skipped
};

Classification classify(const QString &fileName)
{
    static const QRegularExpression extended(QStringLiteral("^(endsong_\\d+|Streaming_History_Audio_.*)\\.json$"));
    static const QRegularExpression video(QStringLiteral("^Streaming_History_Video_.*\\.json$"));
    static const QRegularExpression music(QStringLiteral("^StreamingHistory(_music_\\d+|\\d+)\\.json$"));
    static const QRegularExpression other(QStringLiteral("^StreamingHistory_(podcast|audiobook|video)_?\\d*\\.json$"));
    if (extended.match(fileName).hasMatch()) {
        return {Kind::ExtendedHistory};
    }
    if (video.match(fileName).hasMatch()) {
        return {Kind::ExtendedVideo, false, &ImportCounts::videoRowsSkipped};
    }
    if (music.match(fileName).hasMatch()) {
        return {Kind::AccountMusic};
    }
    if (const auto match = other.match(fileName); match.hasMatch()) {
        const QString what = match.captured(1);
        return {Kind::AccountOther,
                false,
                what == QLatin1String("podcast")         ? &ImportCounts::episodesSkipped
                    : what == QLatin1String("audiobook") ? &ImportCounts::audiobooksSkipped
                                                         : &ImportCounts::videoRowsSkipped};
    }
    return {Kind::Other, fileName.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)};
}

// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2 ? 1 : 0;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

bool digitsAt(std::string_view text, size_t at, size_t count, int &value)
{
    if (text.size() < at + count) {
        return false;
    }
    value = 0;
    for (size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

// "2023-11-04T22:19:36Z" (extended history, optionally with fractions or "+00:00") or "2023-09-15 14:04"
// (Account data, UTC), both as milliseconds since the epoch.
std::optional<qint64> parseUtc(std::string_view text)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digitsAt(text, 0, 4, year) || text.size() < 16 || text[4] != '-' || !digitsAt(text, 5, 2, month)
        || text[7] != '-' || !digitsAt(text, 8, 2, day) || (text[10] != 'T' && text[10] != ' ')
        || !digitsAt(text, 11, 2, hour) || text[13] != ':' || !digitsAt(text, 14, 2, minute)) {
        return std::nullopt;
    }
    size_t at = 16;
    if (at < text.size() && text[at] == ':') {
        if (!digitsAt(text, at + 1, 2, second)) {
            return std::nullopt;
        }
        at += 3;
    }
    int millis = 0;
    if (at < text.size() && text[at] == '.') {
        ++at;
        int scale = 100;
        const size_t first = at;
        for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
            millis += (text[at] - '0') * scale;
            scale /= 10;
        }
        if (at == first) {
            return std::nullopt;
        }
    }
    const std::string_view zone = text.substr(at);
    if (!zone.empty() && zone != "Z" && zone != "+00:00") {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    return ((days * 24 + hour) * 60 + minute) * 60'000 + qint64(second) * 1000 + millis;
}

struct Text {
    std::string value;
    bool present = false; // a string, not null or missing
};

// One row of any history file, reused from row to row so that reading allocates nothing once warm.
struct Row {
    std::optional<qint64> timeMs;
    std::optional<qint64> msPlayed;
    std::optional<bool> shuffle;
    std::optional<bool> skipped;
    std::optional<bool> offline;
    std::optional<bool> incognito;
    Text trackUri, trackName, artistName, albumName;
    Text episodeUri, episodeName, showName;
    Text audiobookUri, audiobookTitle, audiobookChapterUri, audiobookChapterTitle;
    Text platform, reasonStart, reasonEnd, connCountry;
    bool sawTs = false, sawMsPlayed = false, sawEndTime = false, sawTrackName = false, sawPodcast = false;

    void clear()
    {
        timeMs.reset();
        msPlayed.reset();
        shuffle.reset();
        skipped.reset();
        offline.reset();
        incognito.reset();
        for (Text *text : {&trackUri,
                           &trackName,
                           &artistName,
                           &albumName,
                           &episodeUri,
                           &episodeName,
                           &showName,
                           &audiobookUri,
                           &audiobookTitle,
                           &audiobookChapterUri,
                           &audiobookChapterTitle,
                           &platform,
                           &reasonStart,
                           &reasonEnd,
                           &connCountry}) {
            text->present = false;
        }
        sawTs = sawMsPlayed = sawEndTime = sawTrackName = sawPodcast = false;
    }
};

enum class FieldType { Text, Integer, Boolean, IsoTime, MinuteTime, Ignored };

struct FieldSpec {
    std::string_view name;
    FieldType type;
    Text Row::*text = nullptr;
    std::optional<qint64> Row::*integer = nullptr;
    std::optional<bool> Row::*boolean = nullptr;
};

// Both generations' fields. IP addresses, user agents and user names are read past and never kept.
const FieldSpec fieldSpecs[] = {
    {"ts", FieldType::IsoTime},
    {"username", FieldType::Ignored},
    {"platform", FieldType::Text, &Row::platform},
    {"ms_played", FieldType::Integer, nullptr, &Row::msPlayed},
    {"conn_country", FieldType::Text, &Row::connCountry},
    {"ip_addr", FieldType::Ignored},
    {"ip_addr_decrypted", FieldType::Ignored},
    {"user_agent_decrypted", FieldType::Ignored},
    {"master_metadata_track_name", FieldType::Text, &Row::trackName},
    {"master_metadata_album_artist_name", FieldType::Text, &Row::artistName},
    {"master_metadata_album_album_name", FieldType::Text, &Row::albumName},
    {"spotify_track_uri", FieldType::Text, &Row::trackUri},
    {"episode_name", FieldType::Text, &Row::episodeName},
    {"episode_show_name", FieldType::Text, &Row::showName},
    {"spotify_episode_uri", FieldType::Text, &Row::episodeUri},
    {"audiobook_title", FieldType::Text, &Row::audiobookTitle},
    {"audiobook_uri", FieldType::Text, &Row::audiobookUri},
    {"audiobook_chapter_uri", FieldType::Text, &Row::audiobookChapterUri},
    {"audiobook_chapter_title", FieldType::Text, &Row::audiobookChapterTitle},
    {"reason_start", FieldType::Text, &Row::reasonStart},
    {"reason_end", FieldType::Text, &Row::reasonEnd},
    {"shuffle", FieldType::Boolean, nullptr, nullptr, &Row::shuffle},
    {"skipped", FieldType::Boolean, nullptr, nullptr, &Row::skipped},
    {"offline", FieldType::Boolean, nullptr, nullptr, &Row::offline},
    {"offline_timestamp", FieldType::Ignored},
    {"incognito_mode", FieldType::Boolean, nullptr, nullptr, &Row::incognito},
    {"endTime", FieldType::MinuteTime},
    {"artistName", FieldType::Text, &Row::artistName},
    {"trackName", FieldType::Text, &Row::trackName},
    {"msPlayed", FieldType::Integer, nullptr, &Row::msPlayed},
    {"podcastName", FieldType::Text, &Row::showName},
    {"episodeName", FieldType::Text, &Row::episodeName},
};
constexpr size_t fieldCount = std::size(fieldSpecs);

class RowHandler final : public JsonFieldHandler
{
public:
    Row row;
    bool countOnly = false; // files whose rows are only counted: nothing in them is checked

    QString field(std::string_view name, const JsonValue &value) override
    {
        if (countOnly) {
            return {};
        }
        // Every row lists its fields in the same order: try the one after the last match first.
        size_t index = m_next < fieldCount && fieldSpecs[m_next].name == name ? m_next : fieldCount;
        if (index == fieldCount) {
            for (size_t i = 0; i < fieldCount; ++i) {
                if (fieldSpecs[i].name == name) {
                    index = i;
                    break;
                }
            }
            if (index == fieldCount) {
                return {}; // unknown fields are ignored
            }
        }
        m_next = index + 1;
        return apply(fieldSpecs[index], value);
    }

private:
    QString apply(const FieldSpec &spec, const JsonValue &value)
    {
        using T = JsonValue::Type;
        const auto fieldName = [&spec] {
            return QString::fromLatin1(spec.name.data(), qsizetype(spec.name.size()));
        };
        switch (spec.type) {
        case FieldType::Ignored:
            return {};
        case FieldType::Text: {
            if (spec.name == "master_metadata_track_name" || spec.name == "trackName") {
                row.sawTrackName = true;
            } else if (spec.name == "podcastName") {
                row.sawPodcast = true;
            }
            Text &text = row.*spec.text;
            if (value.type == T::String) {
                text.value.assign(value.text);
                text.present = true;
                return {};
            }
            return value.type == T::Null ? QString()
                                         : QStringLiteral("\"%1\" must be a string or null").arg(fieldName());
        }
        case FieldType::Integer: {
            row.sawMsPlayed = true;
            if (value.type == T::Null) {
                return {};
            }
            if (value.type != T::Number) {
                return QStringLiteral("\"%1\" must be a number or null").arg(fieldName());
            }
            qint64 number = 0;
            const char *end = value.text.data() + value.text.size();
            const auto parsed = std::from_chars(value.text.data(), end, number);
            if (parsed.ec != std::errc() || parsed.ptr != end) {
                // A fraction or an exponent: rare, and rounded to whole milliseconds.
                const double real = std::strtod(std::string(value.text).c_str(), nullptr);
                if (!std::isfinite(real) || std::fabs(real) > 9e15) {
                    return QStringLiteral("\"%1\" is out of range").arg(fieldName());
                }
                number = std::llround(real);
            }
            if (number < 0) {
                return QStringLiteral("\"%1\" must not be negative").arg(fieldName());
            }
            row.*spec.integer = number;
            return {};
        }
        case FieldType::Boolean:
            if (value.type == T::True || value.type == T::False) {
                row.*spec.boolean = value.type == T::True;
            } else if (value.type == T::Number && (value.text == "0" || value.text == "1")) {
                row.*spec.boolean = value.text == "1";
            } else if (value.type != T::Null) {
                return QStringLiteral("\"%1\" must be true, false or null").arg(fieldName());
            }
            return {};
        case FieldType::IsoTime:
        case FieldType::MinuteTime:
            (spec.type == FieldType::IsoTime ? row.sawTs : row.sawEndTime) = true;
            if (value.type == T::Null) {
                return {};
            }
            if (value.type == T::String) {
                if (const auto ms = parseUtc(value.text)) {
                    row.timeMs = ms;
                    return {};
                }
            }
            return QStringLiteral("\"%1\" must be a UTC date and time like %2")
                .arg(fieldName(),
                     spec.type == FieldType::IsoTime ? QStringLiteral("\"2023-11-04T22:19:36Z\"")
                                                     : QStringLiteral("\"2023-09-15 14:04\""));
        }
        return {};
    }

    size_t m_next = 0;
};

// A present text as it was read, without a copy; a missing or null one is unknown (empty).
QByteArrayView utf8View(const Text &text)
{
    return text.present ? QByteArrayView(text.value.data(), qsizetype(text.value.size())) : QByteArrayView();
}

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Hashes what it passes on, reports progress and stops when cancelled.
class TrackingSource final : public ByteSource
{
public:
    TrackingSource(ByteSource &inner, std::function<void()> onChunk, const std::atomic_bool *cancel)
        : m_inner(&inner)
        , m_onChunk(std::move(onChunk))
        , m_cancel(cancel)
        , m_digest(EVP_MD_CTX_new())
    {
        EVP_DigestInit_ex(m_digest.get(), EVP_sha256(), nullptr);
    }

    qint64 read(char *buffer, qint64 size) override
    {
        if (m_cancel && m_cancel->load()) {
            m_cancelled = true;
            return -1;
        }
        const qint64 n = m_inner->read(buffer, size);
        if (n > 0) {
            EVP_DigestUpdate(m_digest.get(), buffer, size_t(n));
            m_onChunk();
        }
        return n;
    }

    QString errorString() const override
    {
        return m_cancelled ? QStringLiteral("the import was cancelled") : m_inner->errorString();
    }

    bool cancelled() const
    {
        return m_cancelled;
    }

    QString sha256()
    {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_digest.get(), digest, &length);
        return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
    }

private:
    struct DigestFree {
        void operator()(EVP_MD_CTX *context) const
        {
            EVP_MD_CTX_free(context);
        }
    };

    ByteSource *m_inner = nullptr;
    std::function<void()> m_onChunk;
    const std::atomic_bool *m_cancel = nullptr;
    std::unique_ptr<EVP_MD_CTX, DigestFree> m_digest;
    bool m_cancelled = false;
};

struct ArchiveFree {
    void operator()(archive *reader) const
    {
        archive_read_free(reader);
    }
};

bool looksLikeZip(const QString &path)
{
    if (path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive)) {
        return true;
    }
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(4) == QByteArrayLiteral("PK\x03\x04");
}

// One run of the importer: the repositories, the caches of track ids and the report.
class Session
{
public:
    Session(SqliteDatabase &database,
            const ImportOptions &options,
            const HistoryImporter::ProgressCallback &progress,
            const std::atomic_bool *cancel)
        : m_database(&database)
        , m_options(options)
        , m_progress(progress)
        , m_cancel(cancel)
    {
        m_report.dryRun = options.dryRun;
    }

    // Prepares the repositories; PlayRepository keeps a pointer to the LibraryRepository, so both live here.
    Result<void> open()
    {
        auto library = LibraryRepository::create(*m_database);
        if (!library) {
            return library.error();
        }
        m_libraryStorage.emplace(std::move(library).value());
        auto plays = PlayRepository::create(*m_database, *m_libraryStorage);
        if (!plays) {
            return plays.error();
        }
        m_playsStorage.emplace(std::move(plays).value());
        return {};
    }

    Result<void> importPaths(const QStringList &paths);
    ImportReport takeReport()
    {
        return std::move(m_report);
    }

private:
    enum class Stop { No, Cancelled, StorageFailed };

    Result<void> importDiskFile(const QString &path);
    Result<void> importZip(const QString &path);
    Result<void>
    importEntry(const QString &name, const QString &fileName, ByteSource &source, std::function<qint64()> position);
    Result<void> inFileScope(const std::function<Result<void>()> &work);
    Result<void> writeRow(Kind kind, const Row &row, ImportCounts &counts);
    Result<qint64> trackForUri(const Row &row);
    Result<std::pair<qint64, bool>> trackForNames(const Row &row);
    Result<void> loadNameKeys();
    void forgetCaches();
    void reportProgress(qint64 position);

    SqliteDatabase *m_database;
    std::optional<LibraryRepository> m_libraryStorage;
    std::optional<PlayRepository> m_playsStorage;
    LibraryRepository &library()
    {
        return *m_libraryStorage;
    }
    PlayRepository &plays()
    {
        return *m_playsStorage;
    }
    ImportOptions m_options;
    const HistoryImporter::ProgressCallback &m_progress;
    const std::atomic_bool *m_cancel;
    ImportReport m_report;
    Stop m_stop = Stop::No;

    qint64 m_bytesTotal = 0;
    qint64 m_bytesBefore = 0; // of the inputs finished
    qint64 m_rows = 0;
    QString m_currentFile;

    std::unordered_map<std::string, qint64> m_trackByUri;
    std::unordered_map<std::string, std::pair<qint64, bool>> m_trackByRawNames;
    std::unordered_map<std::string, qint64> m_artistByName;
    std::unordered_map<std::string, qint64> m_albumByKey;
    QHash<QString, std::pair<qint64, bool>> m_trackByNameKeys;
    bool m_nameKeysLoaded = false;
    std::string m_key;
};

void Session::forgetCaches()
{
    // Ids created in a rolled-back file no longer exist.
    m_trackByUri.clear();
    m_trackByRawNames.clear();
    m_trackByNameKeys.clear();
    m_nameKeysLoaded = false;
    m_artistByName.clear();
    m_albumByKey.clear();
}

void Session::reportProgress(qint64 position)
{
    if (m_progress) {
        m_progress(ImportProgress{m_bytesBefore + position, m_bytesTotal, m_rows, m_currentFile});
    }
}

Result<void> Session::importPaths(const QStringList &paths)
{
    QStringList files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            QStringList inside;
            QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                inside.append(it.next());
            }
            inside.sort();
            files += inside;
        } else {
            files.append(path);
        }
    }
    for (const QString &file : files) {
        m_bytesTotal += QFileInfo(file).size();
    }
    for (const QString &file : files) {
        const QFileInfo info(file);
        m_currentFile = info.fileName();
        const auto done = info.isFile() && looksLikeZip(file) ? importZip(file) : importDiskFile(file);
        if (!done) {
            return done;
        }
        if (m_stop != Stop::No) {
            break;
        }
        m_bytesBefore += info.size();
        reportProgress(0);
    }
    return {};
}

Result<void> Session::importDiskFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ImportFileReport failed{path, classify(QFileInfo(path).fileName()).kind, Status::Failed, {}, {}};
        failed.error = QStringLiteral("%1: could not open it: %2").arg(path, file.errorString());
        m_report.files.append(failed);
        return {};
    }
    DeviceSource source(file);
    return importEntry(path, QFileInfo(path).fileName(), source, [&file] {
        return file.pos();
    });
}

Result<void> Session::importZip(const QString &path)
{
    std::unique_ptr<archive, ArchiveFree> reader(archive_read_new());
    archive_read_support_format_zip(reader.get());
    if (archive_read_open_filename(reader.get(), QFile::encodeName(path).constData(), 64 * 1024) != ARCHIVE_OK) {
        m_report.files.append({path,
                               Kind::Other,
                               Status::Failed,
                               {},
                               QStringLiteral("%1: not a readable zip archive: %2")
                                   .arg(path, QString::fromUtf8(archive_error_string(reader.get())))});
        return {};
    }
    archive_entry *entry = nullptr;
    for (;;) {
        const int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF) {
            break;
        }
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
            m_report.files.append({path,
                                   Kind::Other,
                                   Status::Failed,
                                   {},
                                   QStringLiteral("%1: the archive is damaged after its last readable entry: %2")
                                       .arg(path, QString::fromUtf8(archive_error_string(reader.get())))});
            break;
        }
        if (archive_entry_filetype(entry) != AE_IFREG) {
            continue;
        }
        const char *utf8 = archive_entry_pathname_utf8(entry);
        const QString entryPath =
            utf8 ? QString::fromUtf8(utf8) : QString::fromLocal8Bit(archive_entry_pathname(entry));
        ArchiveEntrySource source(reader.get());
        archive *raw = reader.get();
        const auto done =
            importEntry(path + QLatin1Char('/') + entryPath, entryPath.section(QLatin1Char('/'), -1), source, [raw] {
                return qint64(archive_filter_bytes(raw, -1));
            });
        if (!done) {
            return done;
        }
        if (m_stop != Stop::No) {
            break;
        }
    }
    return {};
}

Result<void> Session::inFileScope(const std::function<Result<void>()> &work)
{
    if (!m_options.dryRun) {
        return m_database->transaction(work);
    }
    // A dry run is one transaction rolled back at the end; each file is a savepoint inside it, so that later
    // files see what earlier ones would have written, exactly as in a real import.
    if (auto begun = m_database->exec("SAVEPOINT import_file"); !begun) {
        return begun;
    }
    Result<void> result = work();
    if (!result && !m_database->isAutocommit()) {
        if (auto undone = m_database->exec("ROLLBACK TO import_file"); !undone) {
            return undone;
        }
    }
    if (!m_database->isAutocommit()) {
        if (auto released = m_database->exec("RELEASE import_file"); !released) {
            return released;
        }
    }
    return result;
}

Result<void>
Session::importEntry(const QString &name, const QString &fileName, ByteSource &source, std::function<qint64()> position)
{
    const Classification classification = classify(fileName);
    ImportFileReport file{name, classification.kind, Status::Ignored, {}, {}};
    if (classification.kind == Kind::Other && !classification.sniff) {
        m_report.files.append(file);
        return {};
    }
    TrackingSource tracking(
        source,
        [this, &position] {
            reportProgress(position());
        },
        m_cancel);
    JsonArrayReader reader(tracking);
    RowHandler handler;
    handler.countOnly = classification.otherRows != nullptr;
    ImportCounts counts;
    bool fileProblem = false;
    const Error rollBack{Error::Code::InvalidInput, QStringLiteral("the file is not imported")};

    const auto written = inFileScope([&]() -> Result<void> {
        if (auto begun = plays().beginImport(); !begun) {
            return begun;
        }
        for (;;) {
            handler.row.clear();
            if (!reader.readObject(handler)) {
                break;
            }
            ++m_rows;
            if (file.kind == Kind::Other) {
                // An unknown JSON file is a history file only if its first row looks like one.
                const Row &row = handler.row;
                if (row.sawTs && row.sawMsPlayed) {
                    file.kind = Kind::ExtendedHistory;
                } else if (row.sawEndTime && row.sawTrackName) {
                    file.kind = Kind::AccountMusic;
                } else {
                    fileProblem = true;
                    return rollBack;
                }
            }
            if (classification.otherRows) {
                ++counts.rowsRead;
                ++(counts.*classification.otherRows);
                continue;
            }
            if (auto rowWritten = writeRow(file.kind, handler.row, counts); !rowWritten) {
                return rowWritten;
            }
        }
        if (tracking.cancelled()) {
            m_stop = Stop::Cancelled;
            fileProblem = true;
            return rollBack;
        }
        if (reader.hasError()) {
            fileProblem = true;
            return rollBack;
        }
        if (file.kind == Kind::Other || classification.otherRows) {
            return {};
        }
        const auto recorded = plays().recordImportFile(
            tracking.sha256(),
            name,
            file.kind == Kind::ExtendedHistory ? QStringLiteral("extended") : QStringLiteral("account_data"),
            counts.rowsRead,
            counts.playsAdded + counts.shortPlaysAdded);
        if (!recorded) {
            return recorded.error();
        }
        if (!recorded.value()) {
            file.status = Status::AlreadyImported;
            fileProblem = true;
            return rollBack;
        }
        return {};
    });

    if (!written && !fileProblem) {
        // The cache could not be written: nothing more can be imported.
        forgetCaches();
        file.status = Status::Failed;
        file.error = QStringLiteral("%1: %2").arg(name, written.error().message);
        m_report.files.append(file);
        m_stop = Stop::StorageFailed;
        return written.error();
    }
    if (fileProblem) {
        forgetCaches();
        if (m_stop == Stop::Cancelled) {
            file.status = Status::Cancelled;
            m_report.cancelled = true;
        } else if (file.status == Status::AlreadyImported) {
            // Reported without counts: nothing changed.
        } else if (file.kind == Kind::Other) {
            file.status = Status::Ignored; // JSON, but not a listening history
        } else {
            file.status = Status::Failed;
            file.error = QStringLiteral("%1: %2").arg(name, reader.error());
            qCInfo(lcImport).noquote() << "not imported:" << file.error;
        }
        m_report.files.append(file);
        return {};
    }
    if (file.kind == Kind::Other) {
        m_report.files.append(file); // an empty array under an unknown name
        return {};
    }
    file.status = classification.otherRows ? Status::Skipped : Status::Imported;
    file.counts = counts;
    m_report.totals += counts;
    m_report.files.append(file);
    return {};
}

Result<void> Session::writeRow(Kind kind, const Row &row, ImportCounts &counts)
{
    ++counts.rowsRead;
    ImportedPlay play;
    if (!row.timeMs) {
        ++counts.withoutTime;
        return {};
    }
    if (row.episodeUri.present || row.showName.present || (kind == Kind::ExtendedHistory && row.episodeName.present)) {
        ++counts.episodesSkipped;
        return {};
    }
    if (row.audiobookUri.present || row.audiobookChapterUri.present || row.audiobookTitle.present) {
        ++counts.audiobooksSkipped;
        return {};
    }
    if (kind == Kind::ExtendedHistory) {
        if (!row.trackUri.present || !std::string_view(row.trackUri.value).starts_with(TrackUriPrefix)
            || row.trackUri.value.size() == TrackUriPrefix.size()) {
            ++counts.withoutTrack;
            return {};
        }
        if (row.incognito.value_or(false) && !m_options.includeIncognito) {
            ++counts.incognitoSkipped;
            return {};
        }
        const auto track = trackForUri(row);
        if (!track) {
            return track.error();
        }
        play.trackId = track.value();
        play.playedAtMs = *row.timeMs;
        play.skipped = row.skipped;
        play.shuffle = row.shuffle;
        play.offline = row.offline;
        play.platform = utf8View(row.platform);
        play.reasonStart = utf8View(row.reasonStart);
        play.reasonEnd = utf8View(row.reasonEnd);
        play.connCountry = utf8View(row.connCountry);
        play.incognito = row.incognito.value_or(false);
    } else {
        if (!row.trackName.present || row.trackName.value.empty()) {
            ++counts.withoutTrack;
            return {};
        }
        const auto track = trackForNames(row);
        if (!track) {
            return track.error();
        }
        ++(track.value().second ? counts.accountDataMatched : counts.accountDataNameOnly);
        play.trackId = track.value().first;
        play.playedAtMs = *row.timeMs - *row.timeMs % 60'000;
        play.minutePrecision = true;
    }
    play.msPlayed = row.msPlayed;

    const auto outcome = plays().insertImportedPlay(play);
    if (!outcome) {
        return outcome.error();
    }
    switch (outcome.value()) {
    case PlayRepository::ImportOutcome::Added:
        ++(play.msPlayed.value_or(HistoryImporter::PlayThresholdMs) >= HistoryImporter::PlayThresholdMs
               ? counts.playsAdded
               : counts.shortPlaysAdded);
        counts.incognitoImported += play.incognito ? 1 : 0;
        break;
    case PlayRepository::ImportOutcome::AlreadyKnown:
        ++counts.alreadyKnown;
        break;
    case PlayRepository::ImportOutcome::MergedWithPolled:
        ++counts.mergedWithPolled;
        break;
    case PlayRepository::ImportOutcome::ReplacedMinutePrecision:
        ++counts.replacedAccountData;
        break;
    case PlayRepository::ImportOutcome::SameAsKnownListen:
        ++counts.sameAsKnownListen;
        break;
    }
    return {};
}

Result<qint64> Session::trackForUri(const Row &row)
{
    m_key.assign(row.trackUri.value, TrackUriPrefix.size());
    if (const auto found = m_trackByUri.find(m_key); found != m_trackByUri.end()) {
        return found->second;
    }
    Track track;
    track.spotifyId = fromUtf8(m_key);
    track.name = row.trackName.present ? fromUtf8(row.trackName.value) : fromUtf8(row.trackUri.value);
    if (row.artistName.present && !row.artistName.value.empty()) {
        track.artists.append(ArtistRef{QString(), fromUtf8(row.artistName.value)});
    }
    QList<qint64> artistIds;
    QVariant albumId;
    if (!track.artists.isEmpty()) {
        // A lifetime export names a few thousand artists and albums across a million rows: each is resolved
        // once per run, not once per new track.
        auto artist = m_artistByName.find(row.artistName.value);
        if (artist == m_artistByName.end()) {
            const auto artistId = library().upsertArtist(track.artists.first());
            if (!artistId) {
                return artistId.error();
            }
            artist = m_artistByName.emplace(row.artistName.value, artistId.value()).first;
        }
        artistIds.append(artist->second);
        if (row.albumName.present && !row.albumName.value.empty()) {
            std::string albumKey = std::to_string(artist->second);
            albumKey.push_back('\x1f');
            albumKey.append(row.albumName.value);
            auto album = m_albumByKey.find(albumKey);
            if (album == m_albumByKey.end()) {
                Album named;
                named.name = fromUtf8(row.albumName.value);
                named.artists = track.artists;
                const auto found = library().upsertAlbum(named);
                if (!found) {
                    return found.error();
                }
                album = m_albumByKey.emplace(std::move(albumKey), found.value()).first;
            }
            albumId = album->second;
        }
    }
    if (row.albumName.present) {
        track.album.name = fromUtf8(row.albumName.value);
    }
    const auto id = library().upsertTrack(track, artistIds, albumId);
    if (!id) {
        return id.error();
    }
    m_trackByUri.emplace(m_key, id.value());
    if (m_nameKeysLoaded && row.trackName.present && row.artistName.present) {
        const QString key = nameKey(track.artists.first().name) + QChar(0x1f) + nameKey(track.name);
        auto existing = m_trackByNameKeys.find(key);
        if (existing == m_trackByNameKeys.end() || !existing->second) {
            m_trackByNameKeys.insert(key, {id.value(), true});
            m_trackByRawNames.clear(); // may hold the name-only track this one now wins over
        }
    }
    return id.value();
}

Result<void> Session::loadNameKeys()
{
    const auto keys = library().trackNameKeys();
    if (!keys) {
        return keys.error();
    }
    for (const TrackNameKey &key : keys.value()) {
        // Tracks with an id come first: the first of a key wins.
        const QString joined = key.artistKey + QChar(0x1f) + key.titleKey;
        if (!m_trackByNameKeys.contains(joined)) {
            m_trackByNameKeys.insert(joined, {key.trackId, key.hasSpotifyId});
        }
    }
    m_nameKeysLoaded = true;
    return {};
}

Result<std::pair<qint64, bool>> Session::trackForNames(const Row &row)
{
    m_key.assign(row.artistName.present ? row.artistName.value : std::string());
    m_key.push_back('\x1f');
    m_key.append(row.trackName.value);
    if (const auto found = m_trackByRawNames.find(m_key); found != m_trackByRawNames.end()) {
        return found->second;
    }
    if (!m_nameKeysLoaded) {
        if (auto loaded = loadNameKeys(); !loaded) {
            return loaded.error();
        }
    }
    const QString artist = row.artistName.present ? fromUtf8(row.artistName.value) : QString();
    const QString title = fromUtf8(row.trackName.value);
    const QString key = nameKey(artist) + QChar(0x1f) + nameKey(title);
    std::pair<qint64, bool> resolved;
    if (const auto known = m_trackByNameKeys.constFind(key); known != m_trackByNameKeys.cend()) {
        resolved = known.value();
    } else {
        Track track;
        track.name = title;
        if (!artist.trimmed().isEmpty()) {
            track.artists.append(ArtistRef{QString(), artist});
        }
        const auto id = library().upsertTrack(track);
        if (!id) {
            return id.error();
        }
        resolved = {id.value(), false};
        m_trackByNameKeys.insert(key, resolved);
    }
    m_trackByRawNames.emplace(m_key, resolved);
    return resolved;
}

} // namespace

HistoryImporter::HistoryImporter(SqliteDatabase &database, ImportOptions options)
    : m_database(&database)
    , m_options(options)
{
}

void HistoryImporter::setProgressCallback(ProgressCallback callback)
{
    m_progress = std::move(callback);
}

void HistoryImporter::setCancelFlag(const std::atomic_bool *cancel)
{
    m_cancel = cancel;
}

Result<ImportReport> HistoryImporter::run(const QStringList &paths)
{
    Session session(*m_database, m_options, m_progress, m_cancel);
    if (auto opened = session.open(); !opened) {
        return opened.error();
    }
    // A file of history touches the plays table and its two indexes all over: with SQLite's default 2 MB page
    // cache each transaction spills to the WAL and reads the same pages back many times.
    const auto previousCacheSize = m_database->scalar("PRAGMA cache_size");
    if (auto enlarged = m_database->exec("PRAGMA cache_size = -65536"); !enlarged) {
        return enlarged.error();
    }
    const auto restoreCache = qScopeGuard([this, &previousCacheSize] {
        if (previousCacheSize) {
            if (auto restored = m_database->exec("PRAGMA cache_size = " + previousCacheSize.value().toByteArray());
                !restored) {
                qCWarning(lcImport).noquote() << restored.error().message;
            }
        }
    });
    // Each file is one transaction, and SQLite checkpoints after any commit that leaves more than 1000 pages in
    // the WAL: every file's commit would copy the pages it touched (the plays indexes all over) into the
    // database and sync it, and the next file would write most of them again. Checkpoints wait until the WAL
    // holds ImportWalBytes, still only between files, and one runs at the end.
    const auto previousAutocheckpoint = m_database->scalar("PRAGMA wal_autocheckpoint");
    const auto pageSize = m_database->scalar("PRAGMA page_size");
    if (previousAutocheckpoint && pageSize && pageSize.value().toLongLong() > 0) {
        const qint64 pages = ImportWalBytes / pageSize.value().toLongLong();
        if (auto raised = m_database->exec("PRAGMA wal_autocheckpoint = " + QByteArray::number(pages)); !raised) {
            return raised.error();
        }
    }
    const auto restoreCheckpoints = qScopeGuard([this, &previousAutocheckpoint, &pageSize] {
        if (!previousAutocheckpoint || !pageSize) {
            return;
        }
        const QByteArray restore = "PRAGMA wal_autocheckpoint = " + previousAutocheckpoint.value().toByteArray() + ";";
        // PASSIVE: a reader (the app, while the CLI imports) is never waited for; what it still needs is
        // copied by a later checkpoint.
        if (auto restored = m_database->exec(restore + " PRAGMA wal_checkpoint(PASSIVE);"); !restored) {
            qCWarning(lcImport).noquote() << restored.error().message;
        }
    });
    if (!m_options.dryRun) {
        if (auto done = session.importPaths(paths); !done) {
            return done.error();
        }
        return session.takeReport();
    }
    const Error dryRunEnds{Error::Code::InvalidInput, QStringLiteral("a dry run writes nothing")};
    std::optional<Error> failure;
    const auto rolledBack = m_database->transaction([&]() -> Result<void> {
        if (auto done = session.importPaths(paths); !done) {
            failure = done.error();
        }
        return dryRunEnds;
    });
    Q_UNUSED(rolledBack);
    if (failure) {
        return *failure;
    }
    return session.takeReport();
}

} // namespace engine
