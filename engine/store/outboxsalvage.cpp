#include "engine/store/outboxsalvage.h"

#include "engine/store/outboxrepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QMap>
#include <QSet>
#include <QUuid>

#include <limits>
#include <optional>
#include <utility>

namespace engine
{

Q_LOGGING_CATEGORY(lcSalvage, "tunescout.store.salvage")

namespace
{

constexpr int HeaderSize = 100;
const QByteArray sqliteMagic("SQLite format 3\0", 16);
const QByteArray
    outboxColumns("SELECT id, event_id, kind, payload, created_at_ms, attempts, last_attempt_at_ms FROM outbox ");

struct SalvagedRow {
    qint64 rowid = 0;
    QVariantList values; // event_id … last_attempt_at_ms, as they are inserted
    bool valid = false;
};

bool isInteger(const QVariant &value)
{
    return value.typeId() == QMetaType::LongLong;
}

// The checks the outbox makes on its own rows (OutboxRepository::pending), and the types its STRICT table has:
// a damaged page can hand back anything.
SalvagedRow rowFrom(const SqliteStatement &statement)
{
    SalvagedRow row;
    row.rowid = statement.column(0).toLongLong();
    for (int column = 1; column <= 6; ++column) {
        row.values.append(statement.column(column));
    }
    const QVariant &eventId = row.values.at(0);
    const QVariant &kind = row.values.at(1);
    const QVariant &payload = row.values.at(2);
    const QVariant &lastAttempt = row.values.at(5);
    if (eventId.typeId() != QMetaType::QString || kind.typeId() != QMetaType::QString
        || payload.typeId() != QMetaType::QString || !isInteger(row.values.at(3)) || !isInteger(row.values.at(4))
        || !(lastAttempt.isNull() || isInteger(lastAttempt))) {
        return row;
    }
    const QUuid uuid = QUuid::fromString(eventId.toString());
    if (uuid.isNull() || uuid.toString(QUuid::WithoutBraces) != eventId.toString()) {
        return row;
    }
    if (!outboxKindFromName(kind.toString())) {
        return row;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload.toString().toUtf8(), &parseError);
    row.valid = parseError.error == QJsonParseError::NoError && document.isObject() && row.values.at(3).toLongLong() > 0
        && row.values.at(4).toLongLong() >= 0;
    return row;
}

bool isValidPageSize(int size)
{
    return size >= 512 && size <= 65536 && (size & (size - 1)) == 0;
}

// Writes a plausible header over the first 24 bytes of `path` (magic, page size, format versions, payload
// fractions): what an overwritten start of the file destroys, and all SQLite needs to find the schema again.
bool writeHeader(const QString &path, int pageSize, char formatVersion)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite)) {
        return false;
    }
    QByteArray header = sqliteMagic;
    const int stored = pageSize == 65536 ? 1 : pageSize;
    header.append(char((stored >> 8) & 0xff));
    header.append(char(stored & 0xff));
    header.append(formatVersion);
    header.append(formatVersion);
    header.append('\0'); // reserved bytes per page
    header.append(char(64));
    header.append(char(32));
    header.append(char(32));
    return file.write(header) == header.size();
}

// Reads rows of the damaged outbox. Every query may fail on a damaged page; the reader steps around such pages.
class DamagedOutbox
{
public:
    static std::optional<DamagedOutbox> open(const QString &path, QString *detail)
    {
        auto opened = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWriteCreate);
        if (!opened) {
            *detail = opened.error().message;
            return std::nullopt;
        }
        DamagedOutbox outbox(std::move(opened).value());
        // The copy is scratch: never let a write reach it, and have SQLite check each cell it reads.
        // writable_schema lets SQLite read a file shorter than its header says (a truncated cache) up to its end,
        // instead of refusing it whole.
        if (const auto set =
                outbox.m_database.exec("PRAGMA writable_schema=ON; PRAGMA query_only=ON; PRAGMA cell_size_check=ON;");
            !set) {
            *detail = set.error().message;
            return std::nullopt;
        }
        const auto table =
            outbox.m_database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'outbox'");
        if (!table) {
            *detail = table.error().message;
            return std::nullopt;
        }
        if (table.value().toInt() != 1) {
            *detail = QStringLiteral("the file has no outbox table");
            return std::nullopt;
        }
        return outbox;
    }

    // Every row SQLite can read, in rowid order, stepping over damaged stretches.
    void scan(QMap<qint64, SalvagedRow> *rows)
    {
        auto scan = m_database.prepare(outboxColumns + "WHERE id > ?1 ORDER BY id");
        if (!scan) {
            return;
        }
        qint64 cursor = std::numeric_limits<qint64>::min();
        while (true) {
            if (const auto bound = scan.value().bind(1, cursor); !bound) {
                return;
            }
            bool failed = false;
            while (true) {
                const auto stepped = scan.value().step();
                if (!stepped) {
                    failed = true;
                    break;
                }
                if (!stepped.value()) {
                    break;
                }
                SalvagedRow row = rowFrom(scan.value());
                cursor = row.rowid;
                rows->insert(row.rowid, std::move(row));
            }
            scan.value().reset();
            if (!failed) {
                return;
            }
            const std::optional<qint64> resume = firstReadableAfter(cursor);
            if (!resume) {
                return;
            }
            cursor = *resume - 1;
        }
    }

    // The rowids the event_id index lists, read from both ends so that one damaged index page hides only what
    // lies between.
    QSet<qint64> indexedRowids()
    {
        QSet<qint64> rowids;
        for (const char *order : {"ASC", "DESC"}) {
            auto index = m_database.prepare(
                QByteArray("SELECT id FROM outbox INDEXED BY sqlite_autoindex_outbox_1 ORDER BY event_id ") + order);
            if (!index) {
                return rowids;
            }
            while (true) {
                const auto stepped = index.value().step();
                if (!stepped || !stepped.value()) {
                    break;
                }
                rowids.insert(index.value().column(0).toLongLong());
            }
            index.value().reset();
        }
        return rowids;
    }

    // The row with this rowid, or nullopt when it cannot be read.
    std::optional<SalvagedRow> row(qint64 rowid)
    {
        auto lookup = m_database.prepare(outboxColumns + "WHERE id = ?1");
        if (!lookup || !lookup.value().bind(1, rowid)) {
            return std::nullopt;
        }
        const auto stepped = lookup.value().step();
        if (!stepped || !stepped.value()) {
            return std::nullopt;
        }
        return rowFrom(lookup.value());
    }

private:
    explicit DamagedOutbox(SqliteDatabase database)
        : m_database(std::move(database))
    {
    }

    enum class Probe { Row, End, Failed };

    // Reads the first row at or after `rowid`: the seek descends to the page where it would be, so this tells
    // whether that page can be read.
    Probe probe(qint64 rowid)
    {
        auto statement = m_database.prepare(outboxColumns + "WHERE id >= ?1 ORDER BY id LIMIT 1");
        if (!statement || !statement.value().bind(1, rowid)) {
            return Probe::Failed;
        }
        const auto stepped = statement.value().step();
        if (!stepped) {
            return Probe::Failed;
        }
        return stepped.value() ? Probe::Row : Probe::End;
    }

    // After reading failed just past `cursor`: the smallest rowid from which reading works again, found by
    // doubling the stride and then bisecting; nullopt when nothing after it can be read.
    std::optional<qint64> firstReadableAfter(qint64 cursor)
    {
        constexpr qint64 maximum = std::numeric_limits<qint64>::max();
        if (cursor == maximum) {
            return std::nullopt;
        }
        qint64 failing = cursor + 1; // reading from here failed
        qint64 stride = 1;
        qint64 readable = 0;
        while (true) {
            if (stride > maximum - failing) {
                return std::nullopt;
            }
            const qint64 candidate = failing + stride;
            const Probe found = probe(candidate);
            if (found == Probe::End) {
                return std::nullopt;
            }
            if (found == Probe::Row) {
                readable = candidate;
                break;
            }
            failing = candidate;
            stride = stride > maximum / 2 ? maximum : stride * 2;
        }
        while (readable - failing > 1) {
            const qint64 middle = failing + (readable - failing) / 2;
            if (probe(middle) == Probe::Failed) {
                failing = middle;
            } else {
                readable = middle;
            }
        }
        return readable;
    }

    SqliteDatabase m_database;
};

// The scratch copy of the damaged file, with its WAL so that committed events not yet checkpointed count too.
bool copyForSalvage(const QString &damagedPath, const QString &copy, QString *detail)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        if (suffix.isEmpty() || QFileInfo::exists(damagedPath + suffix)) {
            if (!QFile::copy(damagedPath + suffix, copy + suffix)) {
                *detail = QStringLiteral("could not copy %1 to %2").arg(damagedPath + suffix, copy + suffix);
                return false;
            }
            QFile::setPermissions(copy + suffix, QFile::ReadOwner | QFile::WriteOwner);
        }
    }
    return true;
}

// Opens the copy; when the start of the file was overwritten, tries it again with a rebuilt header for each
// page size SQLite allows, the usual one first.
std::optional<DamagedOutbox> openCopy(const QString &copy, QString *detail)
{
    QFile file(copy);
    if (!file.open(QIODevice::ReadOnly)) {
        *detail = QStringLiteral("could not read %1").arg(copy);
        return std::nullopt;
    }
    const QByteArray header = file.read(HeaderSize);
    file.close();
    if (header.size() < HeaderSize) {
        *detail = QStringLiteral("the file is shorter than a database header");
        return std::nullopt;
    }
    if (header.startsWith(sqliteMagic)) {
        return DamagedOutbox::open(copy, detail);
    }
    qCInfo(lcSalvage) << "the database header was overwritten; rebuilding it to look for the outbox";
    const int storedSize = (quint8(header.at(16)) << 8) | quint8(header.at(17));
    const int headerPageSize = storedSize == 1 ? 65536 : storedSize;
    QList<int> pageSizes{4096, 1024, 2048, 8192, 16384, 32768, 65536, 512};
    if (isValidPageSize(headerPageSize)) {
        pageSizes.removeAll(headerPageSize);
        pageSizes.prepend(headerPageSize);
    }
    // Format version 2 is WAL, which every cache TuneScout writes uses; 1 (rollback journal) if there is no WAL.
    const char formatVersion = QFileInfo::exists(copy + QStringLiteral("-wal")) ? 2 : 1;
    for (const int pageSize : pageSizes) {
        if (!writeHeader(copy, pageSize, formatVersion)) {
            *detail = QStringLiteral("could not write to %1").arg(copy);
            return std::nullopt;
        }
        QFile::remove(copy + QStringLiteral("-shm"));
        if (auto outbox = DamagedOutbox::open(copy, detail)) {
            return outbox;
        }
    }
    *detail = QStringLiteral("the header was overwritten, and no page size makes the schema readable");
    return std::nullopt;
}

} // namespace

OutboxSalvage salvageOutbox(const QString &damagedPath, const QString &scratchDir, SqliteDatabase &target)
{
    OutboxSalvage salvage;
    const QString copy = QDir(scratchDir).filePath(QStringLiteral("salvage.sqlite"));
    if (!copyForSalvage(damagedPath, copy, &salvage.detail)) {
        return salvage;
    }
    std::optional<DamagedOutbox> outbox = openCopy(copy, &salvage.detail);
    if (!outbox) {
        qCWarning(lcSalvage).noquote() << "no outbox to salvage in" << damagedPath << ":" << salvage.detail;
        return salvage;
    }
    salvage.outboxFound = true;

    QMap<qint64, SalvagedRow> rows;
    outbox->scan(&rows);
    const QSet<qint64> indexed = outbox->indexedRowids();
    int unreadable = 0;
    for (const qint64 rowid : indexed) {
        if (rows.contains(rowid)) {
            continue;
        }
        if (std::optional<SalvagedRow> row = outbox->row(rowid)) {
            rows.insert(rowid, std::move(*row));
        } else {
            ++unreadable;
        }
    }

    auto insert = target.prepare("INSERT OR IGNORE INTO outbox (event_id, kind, payload, created_at_ms, attempts, "
                                 "last_attempt_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert) {
        salvage.detail = insert.error().message;
        salvage.lost = int(rows.size()) + unreadable;
        return salvage;
    }
    int recovered = 0;
    const auto written = target.transaction([&rows, &insert, &recovered]() -> Result<void> {
        for (const SalvagedRow &row : std::as_const(rows)) {
            if (!row.valid) {
                continue;
            }
            if (auto inserted = insert.value().execute(row.values); !inserted) {
                return inserted;
            }
            ++recovered;
        }
        return {};
    });
    if (!written) {
        salvage.detail = written.error().message;
        salvage.lost = int(rows.size()) + unreadable;
        return salvage;
    }
    salvage.recovered = recovered;
    salvage.lost = int(rows.size()) - recovered + unreadable;
    qCInfo(lcSalvage).noquote() << "salvaged" << salvage.recovered << "outbox events from" << damagedPath << ";"
                                << salvage.lost << "could not be read";
    return salvage;
}

} // namespace engine
