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

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

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

// Which rule a row falls under, decided from the row alone (on the reader thread): true when it is to be stored.
bool admit(Kind kind, const Row &row, bool includeIncognito, ImportCounts &counts)
{
    ++counts.rowsRead;
    if (!row.timeMs) {
        ++counts.withoutTime;
        return false;
    }
    if (row.episodeUri.present || row.showName.present || (kind == Kind::ExtendedHistory && row.episodeName.present)) {
        ++counts.episodesSkipped;
        return false;
    }
    if (row.audiobookUri.present || row.audiobookChapterUri.present || row.audiobookTitle.present) {
        ++counts.audiobooksSkipped;
        return false;
    }
    if (kind == Kind::ExtendedHistory) {
        if (!row.trackUri.present || !std::string_view(row.trackUri.value).starts_with(TrackUriPrefix)
            || row.trackUri.value.size() == TrackUriPrefix.size()) {
            ++counts.withoutTrack;
            return false;
        }
        if (row.incognito.value_or(false) && !includeIncognito) {
            ++counts.incognitoSkipped;
            return false;
        }
        return true;
    }
    if (!row.trackName.present || row.trackName.value.empty()) {
        ++counts.withoutTrack;
        return false;
    }
    return true;
}

// Where a text of a parsed row lies in its chunk's text.
struct TextSpan {
    quint32 offset = 0;
    quint32 size = 0;
    bool present = false; // a string, not null or missing
};

// What the reader thread keeps of a row that is to be stored: what storing it needs, and no more.
struct ParsedRow {
    qint64 timeMs = 0;
    std::optional<qint64> msPlayed;
    std::optional<bool> skipped;
    std::optional<bool> shuffle;
    std::optional<bool> offline;
    bool incognito = false;
    // Extended history: the reader's number for the track URI (the same URI, the same number, for the whole
    // run), by which the writer finds the track's id without hashing the URI itself.
    quint32 trackNumber = 0;
    TextSpan trackUri, trackName, artistName, albumName;
    TextSpan platform, reasonStart, reasonEnd, connCountry;
};

// What the reader thread hands to the writer, in the order of the files. Chunks are recycled (ChunkQueue), so
// their rows and text keep their capacity and a warm import allocates nothing per row.
struct Chunk {
    enum class Type {
        Report, // a file that is only reported (ignored, unreadable): `file` is its entry
        FileStart, // a file to import begins: `file` names it
        Rows, // rows of that file that are to be stored
        FileEnd, // the file ends: `kind`, `counts`, `sha256`, `error`, `cancelled`, `notHistory`
        Progress, // an input path is done
    };
    Type type = Type::Progress;
    ImportFileReport file;
    bool countOnly = false; // FileStart: its rows are only counted
    Kind kind = Kind::Other; // Rows, FileEnd: what the file turned out to be (an unknown name is sniffed)
    std::vector<ParsedRow> rows;
    std::string text; // the UTF-8 of the rows' texts, one after the other
    ImportCounts counts; // FileEnd: the counts of the rules admit() applied
    QString sha256;
    QString error; // FileEnd: why the file cannot be read, with its position
    bool cancelled = false;
    bool notHistory = false; // FileEnd: JSON with an unknown name whose first row is not a listen
    std::optional<ImportProgress> progress; // reported once the writer has dealt with the chunk

    void clear()
    {
        type = Type::Progress;
        file = {};
        countOnly = false;
        kind = Kind::Other;
        rows.clear();
        text.clear();
        counts = {};
        sha256.clear();
        error.clear();
        cancelled = notHistory = false;
        progress.reset();
    }

    void add(const Row &row, quint32 trackNumber)
    {
        const auto span = [this](const Text &t) {
            if (!t.present) {
                return TextSpan{};
            }
            const TextSpan added{quint32(text.size()), quint32(t.value.size()), true};
            text.append(t.value);
            return added;
        };
        rows.push_back(ParsedRow{*row.timeMs,
                                 row.msPlayed,
                                 row.skipped,
                                 row.shuffle,
                                 row.offline,
                                 row.incognito.value_or(false),
                                 trackNumber,
                                 span(row.trackUri),
                                 span(row.trackName),
                                 span(row.artistName),
                                 span(row.albumName),
                                 span(row.platform),
                                 span(row.reasonStart),
                                 span(row.reasonEnd),
                                 span(row.connCountry)});
    }

    std::string_view view(TextSpan span) const
    {
        return {text.data() + span.offset, span.size};
    }
    // A present text as it was read, without a copy; a missing or null one is unknown (empty).
    QByteArrayView utf8(TextSpan span) const
    {
        return span.present ? QByteArrayView(text.data() + span.offset, qsizetype(span.size)) : QByteArrayView();
    }
    QString string(TextSpan span) const
    {
        return QString::fromUtf8(text.data() + span.offset, qsizetype(span.size));
    }
};

// The hand-over from the reader thread to the writer. Only Capacity chunks are in flight: the reader waits for one
// the writer has finished with, so memory stays bounded whatever the size of the export. Chunks the writer keeps
// (the rows of a file, until its end) do not count: one more is made for the reader instead, so that it reads on.
class ChunkQueue
{
public:
    static constexpr int Capacity = 4;
    // Rows per chunk: large enough that handing over costs nothing per row and that the writer's sort by track
    // (Session::storeExtendedRows()) finds neighbours, small enough that progress and cancellation come every
    // tenth of a second and the four chunks stay a few MB.
    static constexpr size_t ChunkRows = 16384;

    // Reader: an empty chunk to fill, or null once the writer has stopped.
    std::unique_ptr<Chunk> acquire(Chunk::Type type)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] {
            return m_stopped || !m_free.empty() || m_made < Capacity + m_kept;
        });
        if (m_stopped) {
            return nullptr;
        }
        std::unique_ptr<Chunk> chunk;
        if (m_free.empty()) {
            chunk = std::make_unique<Chunk>();
            ++m_made;
        } else {
            chunk = std::move(m_free.back());
            m_free.pop_back();
        }
        chunk->type = type;
        return chunk;
    }
    void push(std::unique_ptr<Chunk> chunk)
    {
        const std::lock_guard lock(m_mutex);
        m_ready.push_back(std::move(chunk));
        m_changed.notify_all();
    }
    // Reader: nothing more will come.
    void finish()
    {
        const std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_all();
    }

    // Writer: the next chunk, or null once the reader has finished and everything was taken.
    std::unique_ptr<Chunk> next()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] {
            return m_finished || !m_ready.empty();
        });
        if (m_ready.empty()) {
            return nullptr;
        }
        std::unique_ptr<Chunk> chunk = std::move(m_ready.front());
        m_ready.pop_front();
        return chunk;
    }
    // Writer: it keeps a chunk it was given until it recycles it with `kept`.
    void keep()
    {
        const std::lock_guard lock(m_mutex);
        ++m_kept;
        m_changed.notify_all();
    }
    // Writer: done with a chunk. Recycled chunks keep their capacity, so the pool grows to the largest number
    // ever in use (Capacity and the chunks of the largest file held) and no further.
    void recycle(std::unique_ptr<Chunk> chunk, bool kept = false)
    {
        chunk->clear();
        const std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(chunk));
        m_kept -= kept ? 1 : 0;
        m_changed.notify_all();
    }
    // Writer: it takes nothing more (done, cancelled or failed); the reader stops at its next chunk.
    void stop()
    {
        const std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<Chunk>> m_free;
    std::deque<std::unique_ptr<Chunk>> m_ready;
    int m_made = 0; // chunks that exist
    int m_kept = 0; // chunks the writer keeps
    bool m_finished = false;
    bool m_stopped = false;
};

// Hashes what it passes on and stops when cancelled.
class TrackingSource final : public ByteSource
{
public:
    TrackingSource(ByteSource &inner, const std::atomic_bool *cancel)
        : m_inner(&inner)
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

// The reader thread: opens the paths (folders, zips, files), parses every file, applies the rules that need
// only the row, and hands the rows to store to the writer in chunks. It touches no database.
class Reader
{
public:
    Reader(ChunkQueue &queue, const ImportOptions &options, const std::atomic_bool *cancel)
        : m_queue(&queue)
        , m_options(options)
        , m_cancel(cancel)
    {
    }

    void run(const QStringList &paths);

private:
    bool readDiskFile(const QString &path);
    bool readZip(const QString &path);
    bool readEntry(const QString &name, const QString &fileName, ByteSource &source, std::function<qint64()> position);
    bool report(const ImportFileReport &file);
    ImportProgress progressAt(qint64 position) const
    {
        return ImportProgress{m_bytesBefore + position, m_bytesTotal, m_rows, m_currentFile};
    }

    ChunkQueue *m_queue;
    ImportOptions m_options;
    const std::atomic_bool *m_cancel;
    qint64 m_bytesTotal = 0;
    qint64 m_bytesBefore = 0; // of the inputs finished
    qint64 m_rows = 0;
    QString m_currentFile;
    // Numbers the track URIs (without their prefix) in the order they first appear: the hash lookup per row is
    // done here, on the thread that has time to spare, and the writer indexes an array by the number.
    std::unordered_map<std::string, quint32> m_trackNumbers;
    std::string m_uriKey;
};

void Reader::run(const QStringList &paths)
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
        if (!(info.isFile() && looksLikeZip(file) ? readZip(file) : readDiskFile(file))) {
            break;
        }
        m_bytesBefore += info.size();
        auto done = m_queue->acquire(Chunk::Type::Progress);
        if (!done) {
            break;
        }
        done->progress = progressAt(0);
        m_queue->push(std::move(done));
    }
    m_queue->finish();
}

bool Reader::report(const ImportFileReport &file)
{
    auto chunk = m_queue->acquire(Chunk::Type::Report);
    if (!chunk) {
        return false;
    }
    chunk->file = file;
    m_queue->push(std::move(chunk));
    return true;
}

bool Reader::readDiskFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ImportFileReport failed{path, classify(QFileInfo(path).fileName()).kind, Status::Failed, {}, {}};
        failed.error = QStringLiteral("%1: could not open it: %2").arg(path, file.errorString());
        return report(failed);
    }
    DeviceSource source(file);
    return readEntry(path, QFileInfo(path).fileName(), source, [&file] {
        return file.pos();
    });
}

bool Reader::readZip(const QString &path)
{
    std::unique_ptr<archive, ArchiveFree> reader(archive_read_new());
    archive_read_support_format_zip(reader.get());
    if (archive_read_open_filename(reader.get(), QFile::encodeName(path).constData(), 64 * 1024) != ARCHIVE_OK) {
        return report({path,
                       Kind::Other,
                       Status::Failed,
                       {},
                       QStringLiteral("%1: not a readable zip archive: %2")
                           .arg(path, QString::fromUtf8(archive_error_string(reader.get())))});
    }
    archive_entry *entry = nullptr;
    for (;;) {
        const int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF) {
            break;
        }
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
            return report({path,
                           Kind::Other,
                           Status::Failed,
                           {},
                           QStringLiteral("%1: the archive is damaged after its last readable entry: %2")
                               .arg(path, QString::fromUtf8(archive_error_string(reader.get())))});
        }
        if (archive_entry_filetype(entry) != AE_IFREG) {
            continue;
        }
        const char *utf8 = archive_entry_pathname_utf8(entry);
        const QString entryPath =
            utf8 ? QString::fromUtf8(utf8) : QString::fromLocal8Bit(archive_entry_pathname(entry));
        ArchiveEntrySource source(reader.get());
        archive *raw = reader.get();
        if (!readEntry(path + QLatin1Char('/') + entryPath, entryPath.section(QLatin1Char('/'), -1), source, [raw] {
                return qint64(archive_filter_bytes(raw, -1));
            })) {
            return false;
        }
    }
    return true;
}

// False when the import stops here (cancelled, or the writer took no more).
bool Reader::readEntry(const QString &name,
                       const QString &fileName,
                       ByteSource &source,
                       std::function<qint64()> position)
{
    const Classification classification = classify(fileName);
    if (classification.kind == Kind::Other && !classification.sniff) {
        return report({name, classification.kind, Status::Ignored, {}, {}});
    }
    auto start = m_queue->acquire(Chunk::Type::FileStart);
    if (!start) {
        return false;
    }
    start->file = {name, classification.kind, Status::Ignored, {}, {}};
    start->countOnly = classification.otherRows != nullptr;
    start->progress = progressAt(position());
    m_queue->push(std::move(start));

    TrackingSource tracking(source, m_cancel);
    JsonArrayReader reader(tracking);
    RowHandler handler;
    handler.countOnly = classification.otherRows != nullptr;
    Kind kind = classification.kind;
    ImportCounts counts;
    bool notHistory = false;
    std::unique_ptr<Chunk> rows;
    for (;;) {
        handler.row.clear();
        if (!reader.readObject(handler)) {
            break;
        }
        ++m_rows;
        if (kind == Kind::Other) {
            // An unknown JSON file is a history file only if its first row looks like one.
            const Row &row = handler.row;
            if (row.sawTs && row.sawMsPlayed) {
                kind = Kind::ExtendedHistory;
            } else if (row.sawEndTime && row.sawTrackName) {
                kind = Kind::AccountMusic;
            } else {
                notHistory = true;
                break;
            }
        }
        if (classification.otherRows) {
            ++counts.rowsRead;
            ++(counts.*classification.otherRows);
            continue;
        }
        if (!admit(kind, handler.row, m_options.includeIncognito, counts)) {
            continue;
        }
        if (!rows) {
            rows = m_queue->acquire(Chunk::Type::Rows);
            if (!rows) {
                return false;
            }
            rows->kind = kind;
        }
        quint32 trackNumber = 0;
        if (kind == Kind::ExtendedHistory) {
            m_uriKey.assign(std::string_view(handler.row.trackUri.value).substr(TrackUriPrefix.size()));
            trackNumber = m_trackNumbers.try_emplace(m_uriKey, quint32(m_trackNumbers.size())).first->second;
        }
        rows->add(handler.row, trackNumber);
        if (rows->rows.size() >= ChunkQueue::ChunkRows) {
            rows->progress = progressAt(position());
            m_queue->push(std::move(rows));
        }
    }
    if (rows) {
        rows->progress = progressAt(position());
        m_queue->push(std::move(rows));
    }
    auto end = m_queue->acquire(Chunk::Type::FileEnd);
    if (!end) {
        return false;
    }
    end->kind = kind;
    end->counts = counts;
    end->cancelled = tracking.cancelled();
    end->notHistory = notHistory;
    if (!end->cancelled && !notHistory) {
        if (reader.hasError()) {
            end->error = reader.error();
        } else {
            end->sha256 = tracking.sha256();
        }
    }
    end->progress = progressAt(position());
    m_queue->push(std::move(end));
    return !tracking.cancelled();
}

// The writer: stores what the reader hands over, on the store's thread and connection. Owns the repositories,
// the caches of ids, the transactions and the report.
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

    // Takes chunks from the queue until the reader is done or the import stops; see HistoryImporter for the
    // transactions.
    Result<void> writeAll(ChunkQueue &queue);
    ImportReport takeReport()
    {
        return std::move(m_report);
    }

private:
    enum class Stop { No, Cancelled, StorageFailed };

    // The file being written, between its FileStart and FileEnd chunks.
    struct OpenFile {
        ImportFileReport report;
        bool countOnly = false;
        ImportCounts counts; // what storing its rows did
        // Its Rows chunks, held until its end shows it well formed (see HistoryImporter); kept from the queue.
        std::vector<std::unique_ptr<Chunk>> held;
        qint64 heldRows = 0;
        bool inSavepoint = false; // too large to hold: written as it is read, in SAVEPOINT import_file
        bool writtenWithoutSavepoint = false; // its held rows are being written: only the batch can undo them
    };

    Result<void> writeBatch();
    Result<void> verifyReferences();
    Result<void> handle(std::unique_ptr<Chunk> &chunk);
    void openFile(const Chunk &chunk);
    Result<void> takeRows(std::unique_ptr<Chunk> &chunk);
    Result<void> enterSavepoint();
    Result<void> writeHeld();
    void dropHeld();
    Result<void> closeFile(const Chunk &chunk);
    void endFile(Status status, const ImportCounts &counts = {});
    Result<void> leaveFile(bool keep);
    void cancelFile();
    Result<void> failFile(const Error &error);
    Result<void> storeRows(const Chunk &chunk);
    Result<void> storeExtendedRows(const Chunk &chunk);
    Result<void> storePlay(const ImportedPlay &play, ImportCounts &counts);
    static void countOutcome(const ImportedPlay &play, PlayRepository::ImportOutcome outcome, ImportCounts &counts);
    Result<qint64> trackForUri(const Chunk &chunk, const ParsedRow &row);
    Result<std::pair<qint64, bool>> trackForNames(const Chunk &chunk, const ParsedRow &row);
    Result<void> loadNameKeys();
    void forgetCaches();

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
    ChunkQueue *m_queue = nullptr;
    ImportReport m_report;
    Stop m_stop = Stop::No;
    std::optional<OpenFile> m_file;
    std::optional<Error> m_failure; // why the cache could not be written
    bool m_rollBackBatch = false; // the failure came while a file was written without a savepoint
    qint64 m_batchRows = 0; // rows of the files written in the open transaction
    bool m_finished = false; // no more chunks will be taken

    std::vector<qint64> m_trackByNumber; // by ParsedRow::trackNumber; 0 while not resolved in this run
    std::vector<qint64> m_rowTracks; // of the chunk being stored, by row
    std::vector<quint32> m_rowOrder; // the order in which the chunk's rows are stored
    std::vector<ImportedPlay> m_plainPlays; // the chunk's rows that cannot merge, in that order
    std::vector<PlayRepository::ImportOutcome> m_outcomes; // of m_plainPlays, by row
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
    std::fill(m_trackByNumber.begin(), m_trackByNumber.end(), 0);
    m_trackByRawNames.clear();
    m_trackByNameKeys.clear();
    m_nameKeysLoaded = false;
    m_artistByName.clear();
    m_albumByKey.clear();
}

Result<void> Session::writeAll(ChunkQueue &queue)
{
    m_queue = &queue;
    while (!m_finished) {
        m_batchRows = 0;
        const auto written = m_database->transaction([this] {
            return writeBatch();
        });
        if (m_failure) {
            return *m_failure;
        }
        // A dry run ends by rolling its one transaction back, on purpose.
        if (!written && !(m_options.dryRun && m_finished)) {
            return written.error();
        }
    }
    return {};
}

Result<void> Session::writeBatch()
{
    // Read in the batch's transaction: nobody else can add a track until its end.
    if (auto begun = library().beginTrackImport(); !begun) {
        m_failure = begun.error();
        m_finished = true;
        return begun;
    }
    while (auto chunk = m_queue->next()) {
        const auto handled = handle(chunk);
        if (chunk) {
            m_queue->recycle(std::move(chunk));
        }
        if (!handled) {
            m_failure = handled.error();
            break;
        }
        if (m_stop != Stop::No) {
            break;
        }
        if (!m_file && !m_options.dryRun && m_batchRows >= m_options.batchRows) {
            return verifyReferences(); // committed; the next batch opens a new transaction
        }
    }
    m_finished = true;
    if (m_rollBackBatch) {
        return *m_failure; // part of a file is written and nothing can take it out but a rollback
    }
    if (m_options.dryRun) {
        return Error{Error::Code::InvalidInput, QStringLiteral("a dry run writes nothing")};
    }
    return verifyReferences();
}

Result<void> Session::verifyReferences()
{
    // The batch was written with foreign keys off (see HistoryImporter::run()). Every track, artist and album
    // its rows name was found or created by this run, so this finds nothing; if it ever did, the batch is not
    // committed. Only the tables an import writes are checked.
    for (const char *table : {"plays", "tracks", "track_artists", "album_artists"}) {
        const auto violation = m_database->scalar(QByteArray("PRAGMA foreign_key_check(") + table + ")");
        if (violation) {
            m_failure = m_failure ? m_failure
                                  : Error{Error::Code::Internal,
                                          QStringLiteral("The import wrote rows of %1 that refer to missing rows in "
                                                         "%2; nothing of its last batch was kept.")
                                              .arg(QLatin1String(table), m_database->path())};
            return *m_failure;
        }
        if (violation.error().code != Error::Code::NotFound) {
            m_failure = m_failure ? m_failure : violation.error();
            return *m_failure;
        }
    }
    return {};
}

// Takes the chunk when it holds it.
Result<void> Session::handle(std::unique_ptr<Chunk> &chunk)
{
    // Checked between chunks, as the reader checks it between reads: the file being read stores nothing.
    if (m_file && m_cancel && m_cancel->load()) {
        cancelFile();
        return {};
    }
    const std::optional<ImportProgress> progress = chunk->progress;
    switch (chunk->type) {
    case Chunk::Type::Report:
        m_report.files.append(chunk->file);
        break;
    case Chunk::Type::FileStart:
        openFile(*chunk);
        break;
    case Chunk::Type::Rows:
        if (auto stored = takeRows(chunk); !stored) {
            return failFile(stored.error());
        }
        break;
    case Chunk::Type::FileEnd:
        if (auto closed = closeFile(*chunk); !closed) {
            return closed;
        }
        break;
    case Chunk::Type::Progress:
        break;
    }
    if (m_progress && progress) {
        m_progress(*progress);
    }
    return {};
}

void Session::openFile(const Chunk &chunk)
{
    m_file = OpenFile{chunk.file, chunk.countOnly, {}, {}, 0, false, false};
}

Result<void> Session::takeRows(std::unique_ptr<Chunk> &chunk)
{
    OpenFile &file = *m_file;
    if (!file.inSavepoint) {
        if (file.heldRows + qint64(chunk->rows.size()) <= m_options.heldFileRows) {
            file.heldRows += qint64(chunk->rows.size());
            m_queue->keep();
            file.held.push_back(std::move(chunk));
            return {};
        }
        // Too large to hold: written from here on as it is read, in a savepoint that a malformed end rolls back.
        if (auto entered = enterSavepoint(); !entered) {
            return entered;
        }
        if (auto written = writeHeld(); !written) {
            return written;
        }
    }
    return storeRows(*chunk);
}

Result<void> Session::enterSavepoint()
{
    if (auto begun = m_database->exec("SAVEPOINT import_file"); !begun) {
        return begun;
    }
    m_file->inSavepoint = true;
    return plays().beginImport();
}

Result<void> Session::writeHeld()
{
    for (const std::unique_ptr<Chunk> &chunk : m_file->held) {
        if (auto stored = storeRows(*chunk); !stored) {
            return stored;
        }
    }
    dropHeld();
    return {};
}

void Session::dropHeld()
{
    for (std::unique_ptr<Chunk> &chunk : m_file->held) {
        m_queue->recycle(std::move(chunk), true);
    }
    m_file->held.clear();
    m_file->heldRows = 0;
}

Result<void> Session::leaveFile(bool keep)
{
    // After a full disk or an I/O error SQLite may have rolled the whole transaction back already. A file
    // written without a savepoint has nothing to leave.
    if (m_database->isAutocommit() || !m_file->inSavepoint) {
        return {};
    }
    if (!keep) {
        if (auto undone = m_database->exec("ROLLBACK TO import_file"); !undone) {
            return undone;
        }
    }
    return m_database->exec("RELEASE import_file");
}

void Session::endFile(Status status, const ImportCounts &counts)
{
    dropHeld();
    m_file->report.status = status;
    m_file->report.counts = counts;
    m_report.totals += counts;
    m_report.files.append(m_file->report);
    m_file.reset();
}

void Session::cancelFile()
{
    if (auto left = leaveFile(false); !left) {
        m_failure = left.error();
    }
    if (m_file->inSavepoint) {
        forgetCaches();
    }
    m_stop = Stop::Cancelled;
    m_report.cancelled = true;
    endFile(Status::Cancelled);
}

Result<void> Session::failFile(const Error &error)
{
    // The cache could not be written: nothing more can be imported. What the batch holds of earlier files is
    // still committed if the transaction survived and this file can be rolled back alone; once part of it is
    // written without a savepoint, the batch is rolled back too (writeBatch()).
    const auto left = leaveFile(false);
    Q_UNUSED(left);
    m_rollBackBatch = m_rollBackBatch || m_file->writtenWithoutSavepoint;
    forgetCaches();
    m_stop = Stop::StorageFailed;
    m_file->report.error = QStringLiteral("%1: %2").arg(m_file->report.name, error.message);
    endFile(Status::Failed);
    return error;
}

Result<void> Session::closeFile(const Chunk &chunk)
{
    if (chunk.cancelled) {
        cancelFile();
        return {};
    }
    OpenFile &file = *m_file;
    file.report.kind = chunk.kind;
    const bool keep = chunk.error.isEmpty() && !chunk.notHistory && chunk.kind != Kind::Other && !file.countOnly;
    std::optional<bool> recorded;
    if (keep && !file.inSavepoint) {
        // Whole and well formed: the held rows are written now, unless this content was imported before.
        const auto known = plays().isImportFileKnown(chunk.sha256);
        if (!known) {
            return failFile(known.error());
        }
        if (known.value()) {
            recorded = false;
        } else {
            file.writtenWithoutSavepoint = true;
            if (auto begun = plays().beginImport(); !begun) {
                return failFile(begun.error());
            }
            if (auto written = writeHeld(); !written) {
                return failFile(written.error());
            }
        }
    }
    ImportCounts counts = chunk.counts;
    counts += file.counts;
    if (keep && !recorded) {
        const auto inserted = plays().recordImportFile(
            chunk.sha256,
            file.report.name,
            chunk.kind == Kind::ExtendedHistory ? QStringLiteral("extended") : QStringLiteral("account_data"),
            counts.rowsRead,
            counts.playsAdded + counts.shortPlaysAdded);
        if (!inserted) {
            return failFile(inserted.error());
        }
        if (!inserted.value() && file.writtenWithoutSavepoint) {
            return failFile(Error{Error::Code::Internal,
                                  QStringLiteral("the file was recorded as imported while its rows were written")});
        }
        recorded = inserted.value();
    }
    if (auto left = leaveFile(recorded.value_or(false)); !left) {
        return failFile(left.error());
    }
    if (chunk.notHistory || chunk.kind == Kind::Other) {
        // JSON (or not even that) under an unknown name, but not a listening history; or an empty array.
        endFile(Status::Ignored);
    } else if (!chunk.error.isEmpty()) {
        if (file.inSavepoint) {
            forgetCaches();
        }
        file.report.error = QStringLiteral("%1: %2").arg(file.report.name, chunk.error);
        qCInfo(lcImport).noquote() << "not imported:" << file.report.error;
        endFile(Status::Failed);
    } else if (file.countOnly) {
        endFile(Status::Skipped, counts);
    } else if (!recorded.value_or(false)) {
        if (file.inSavepoint) {
            forgetCaches();
        }
        endFile(Status::AlreadyImported); // reported without counts: nothing changed
    } else {
        m_batchRows += counts.rowsRead;
        endFile(Status::Imported, counts);
    }
    return {};
}

Result<void> Session::storeRows(const Chunk &chunk)
{
    if (chunk.kind == Kind::ExtendedHistory) {
        return storeExtendedRows(chunk);
    }
    ImportCounts &counts = m_file->counts;
    for (const ParsedRow &row : chunk.rows) {
        const auto track = trackForNames(chunk, row);
        if (!track) {
            return track.error();
        }
        ++(track.value().second ? counts.accountDataMatched : counts.accountDataNameOnly);
        ImportedPlay play;
        play.trackId = track.value().first;
        play.playedAtMs = row.timeMs - row.timeMs % 60'000;
        play.minutePrecision = true;
        play.msPlayed = row.msPlayed;
        if (auto stored = storePlay(play, counts); !stored) {
            return stored;
        }
    }
    return {};
}

Result<void> Session::storeExtendedRows(const Chunk &chunk)
{
    // Tracks are resolved in the file's order, so a new track gets the same id whatever the order below.
    const size_t count = chunk.rows.size();
    m_rowTracks.resize(count);
    for (size_t i = 0; i < count; ++i) {
        const auto track = trackForUri(chunk, chunk.rows[i]);
        if (!track) {
            return track.error();
        }
        m_rowTracks[i] = track.value();
    }
    // Rows that may merge with a polled or an Account-data play are stored first, in the file's order (which
    // of two rows near one polled play merges depends on it). The others are stored in (track, time) order,
    // file order among equals: each insert searches and extends UNIQUE (track_id, played_at_ms), and in that
    // order consecutive inserts land on the same or the next index page instead of anywhere in it. The two
    // groups cannot meet: a row collides only with one of the same track and time, which may merge exactly
    // when it may.
    m_rowOrder.clear();
    for (size_t i = 0; i < count; ++i) {
        if (plays().importMayMerge(chunk.rows[i].timeMs)) {
            m_rowOrder.push_back(quint32(i));
        }
    }
    const auto plain = m_rowOrder.insert(m_rowOrder.end(), count - m_rowOrder.size(), 0);
    for (size_t i = 0, next = size_t(plain - m_rowOrder.begin()); i < count; ++i) {
        if (!plays().importMayMerge(chunk.rows[i].timeMs)) {
            m_rowOrder[next++] = quint32(i);
        }
    }
    std::sort(plain, m_rowOrder.end(), [this, &chunk](quint32 a, quint32 b) {
        return std::tie(m_rowTracks[a], chunk.rows[a].timeMs, a) < std::tie(m_rowTracks[b], chunk.rows[b].timeMs, b);
    });

    ImportCounts &counts = m_file->counts;
    const auto importedPlay = [this, &chunk](quint32 i) {
        const ParsedRow &row = chunk.rows[i];
        ImportedPlay play;
        play.trackId = m_rowTracks[i];
        play.playedAtMs = row.timeMs;
        play.msPlayed = row.msPlayed;
        play.skipped = row.skipped;
        play.shuffle = row.shuffle;
        play.offline = row.offline;
        play.platform = chunk.utf8(row.platform);
        play.reasonStart = chunk.utf8(row.reasonStart);
        play.reasonEnd = chunk.utf8(row.reasonEnd);
        play.connCountry = chunk.utf8(row.connCountry);
        play.incognito = row.incognito;
        return play;
    };
    for (auto i = m_rowOrder.begin(); i != plain; ++i) {
        if (auto stored = storePlay(importedPlay(*i), counts); !stored) {
            return stored;
        }
    }
    // The others cannot merge: many to a statement.
    m_plainPlays.clear();
    for (auto i = plain; i != m_rowOrder.end(); ++i) {
        m_plainPlays.push_back(importedPlay(*i));
    }
    m_outcomes.resize(m_plainPlays.size());
    if (auto stored = plays().insertUnmergeableImportedPlays(m_plainPlays, m_outcomes); !stored) {
        return stored;
    }
    for (size_t i = 0; i < m_plainPlays.size(); ++i) {
        countOutcome(m_plainPlays[i], m_outcomes[i], counts);
    }
    return {};
}

Result<void> Session::storePlay(const ImportedPlay &play, ImportCounts &counts)
{
    const auto outcome = plays().insertImportedPlay(play);
    if (!outcome) {
        return outcome.error();
    }
    countOutcome(play, outcome.value(), counts);
    return {};
}

void Session::countOutcome(const ImportedPlay &play, PlayRepository::ImportOutcome outcome, ImportCounts &counts)
{
    switch (outcome) {
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
}

Result<qint64> Session::trackForUri(const Chunk &chunk, const ParsedRow &row)
{
    if (row.trackNumber >= m_trackByNumber.size()) {
        m_trackByNumber.resize(row.trackNumber + 1, 0);
    } else if (m_trackByNumber[row.trackNumber] != 0) {
        return m_trackByNumber[row.trackNumber];
    }
    m_key.assign(chunk.view(row.trackUri).substr(TrackUriPrefix.size()));
    const std::string artistName(chunk.view(row.artistName));
    const std::string_view albumName = chunk.view(row.albumName);
    Track track;
    track.spotifyId = QString::fromUtf8(m_key.data(), qsizetype(m_key.size()));
    track.name = chunk.string(row.trackName.present ? row.trackName : row.trackUri);
    if (row.artistName.present && !artistName.empty()) {
        track.artists.append(ArtistRef{QString(), chunk.string(row.artistName)});
    }
    QList<qint64> artistIds;
    QVariant albumId;
    if (!track.artists.isEmpty()) {
        // A lifetime export names a few thousand artists and albums across a million rows: each is resolved
        // once per run, not once per new track.
        auto artist = m_artistByName.find(artistName);
        if (artist == m_artistByName.end()) {
            const auto artistId = library().upsertArtist(track.artists.first());
            if (!artistId) {
                return artistId.error();
            }
            artist = m_artistByName.emplace(artistName, artistId.value()).first;
        }
        artistIds.append(artist->second);
        if (row.albumName.present && !albumName.empty()) {
            std::string albumKey = std::to_string(artist->second);
            albumKey.push_back('\x1f');
            albumKey.append(albumName);
            auto album = m_albumByKey.find(albumKey);
            if (album == m_albumByKey.end()) {
                Album named;
                named.name = chunk.string(row.albumName);
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
        track.album.name = chunk.string(row.albumName);
    }
    const auto id = library().upsertImportedTrack(track, artistIds, albumId);
    if (!id) {
        return id.error();
    }
    m_trackByNumber[row.trackNumber] = id.value();
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

Result<std::pair<qint64, bool>> Session::trackForNames(const Chunk &chunk, const ParsedRow &row)
{
    m_key.assign(chunk.view(row.artistName));
    m_key.push_back('\x1f');
    m_key.append(chunk.view(row.trackName));
    if (const auto found = m_trackByRawNames.find(m_key); found != m_trackByRawNames.end()) {
        return found->second;
    }
    if (!m_nameKeysLoaded) {
        if (auto loaded = loadNameKeys(); !loaded) {
            return loaded.error();
        }
    }
    const QString artist = row.artistName.present ? chunk.string(row.artistName) : QString();
    const QString title = chunk.string(row.trackName);
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

// Sets a pragma for the import and puts the connection's own value back afterwards.
class PragmaDuringImport
{
public:
    PragmaDuringImport(SqliteDatabase &database, const QByteArray &name)
        : m_database(&database)
        , m_name(name)
    {
        if (const auto previous = database.scalar("PRAGMA " + name)) {
            m_previous = previous.value().toByteArray();
        }
    }
    PragmaDuringImport(const PragmaDuringImport &) = delete;
    PragmaDuringImport &operator=(const PragmaDuringImport &) = delete;
    ~PragmaDuringImport()
    {
        if (m_previous && m_set) {
            if (auto restored = m_database->exec("PRAGMA " + m_name + " = " + *m_previous); !restored) {
                qCWarning(lcImport).noquote() << restored.error().message;
            }
        }
    }

    Result<void> set(qint64 value)
    {
        if (!m_previous) {
            return {}; // a pragma this SQLite does not report is left alone
        }
        m_set = true;
        return m_database->exec("PRAGMA " + m_name + " = " + QByteArray::number(value));
    }

private:
    SqliteDatabase *m_database;
    QByteArray m_name;
    std::optional<QByteArray> m_previous;
    bool m_set = false;
};

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
    const auto pageSize = m_database->scalar("PRAGMA page_size");
    const qint64 pageBytes = pageSize ? qMax<qint64>(512, pageSize.value().toLongLong()) : 4096;
    // A batch touches the plays table and its two indexes all over. Its dirty pages stay in the cache until
    // the commit (a spill would write them to the WAL, and most of them again later in the same batch), and
    // pages a commit wrote stay cached for the next batch.
    PragmaDuringImport cacheSize(*m_database, "cache_size");
    PragmaDuringImport cacheSpill(*m_database, "cache_spill");
    if (auto enlarged = cacheSize.set(-ImportCacheBytes / 1024); !enlarged) {
        return enlarged.error();
    }
    if (auto enlarged = cacheSpill.set(ImportCacheBytes / pageBytes); !enlarged) {
        return enlarged.error();
    }
    // SQLite checkpoints after any commit that leaves more than 1000 pages in the WAL: each batch's commit
    // would copy the pages it touched into the database and sync it, and the next batch would write most of
    // them again. Checkpoints wait until the WAL holds ImportWalBytes, and one runs at the end.
    PragmaDuringImport autocheckpoint(*m_database, "wal_autocheckpoint");
    if (auto raised = autocheckpoint.set(ImportWalBytes / pageBytes); !raised) {
        return raised.error();
    }
    const auto checkpoint = qScopeGuard([this] {
        // PASSIVE: a reader (the app, while the CLI imports) is never waited for; what it still needs is
        // copied by a later checkpoint.
        if (auto done = m_database->exec("PRAGMA wal_checkpoint(PASSIVE)"); !done) {
            qCWarning(lcImport).noquote() << done.error().message;
        }
    });

    // With foreign keys on SQLite looks up the track of every play it inserts; the import checks a batch's rows
    // in one pass before committing it instead (Session::verifyReferences()). Set outside any transaction,
    // where it counts.
    PragmaDuringImport foreignKeys(*m_database, "foreign_keys");
    if (auto off = foreignKeys.set(0); !off) {
        return off.error();
    }

    ChunkQueue queue;
    Reader reader(queue, m_options, m_cancel);
    std::thread readerThread([&reader, &paths] {
        reader.run(paths);
    });
    const auto written = session.writeAll(queue);
    queue.stop();
    readerThread.join();
    if (!written) {
        return written.error();
    }
    return session.takeReport();
}

} // namespace engine
