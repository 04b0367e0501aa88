#include "engine/store/sqlitedatabase.h"

#include <QLoggingCategory>

#include <sqlite3.h>

#include <utility>

namespace engine
{

Q_LOGGING_CATEGORY(lcSqlite, "tunescout.store.sqlite")

namespace
{

Error::Code codeFor(int primaryCode)
{
    switch (primaryCode) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Error::Code::Corrupt;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_NOMEM:
        return Error::Code::Storage;
    default:
        return Error::Code::Internal;
    }
}

QString ioVerb(int extendedCode)
{
    switch (extendedCode) {
    case SQLITE_IOERR_READ:
    case SQLITE_IOERR_SHORT_READ:
        return QStringLiteral("read");
    case SQLITE_IOERR_WRITE:
    case SQLITE_IOERR_FSYNC:
    case SQLITE_IOERR_DIR_FSYNC:
    case SQLITE_IOERR_TRUNCATE:
        return QStringLiteral("write to");
    default:
        return QStringLiteral("use");
    }
}

// SQLite's memory statistics take a process-wide mutex on every allocation, and Debian's build has no
// lookaside, so every small allocation of a statement step is one: nothing here reads the statistics. Has to
// come before SQLite initialises; when something else initialised it first, the call is refused and the
// statistics stay on, which costs only speed.
void disableMemoryStatistics()
{
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    Q_UNUSED(configured);
}

} // namespace

SqliteDatabase::SqliteDatabase(sqlite3 *handle, QString path)
    : m_handle(handle)
    , m_path(std::move(path))
{
}

SqliteDatabase::SqliteDatabase(SqliteDatabase &&other) noexcept
    : m_handle(std::exchange(other.m_handle, nullptr))
    , m_path(std::move(other.m_path))
    , m_transactionDepth(std::exchange(other.m_transactionDepth, 0))
{
}

SqliteDatabase &SqliteDatabase::operator=(SqliteDatabase &&other) noexcept
{
    if (this != &other) {
        close();
        m_handle = std::exchange(other.m_handle, nullptr);
        m_path = std::move(other.m_path);
        m_transactionDepth = std::exchange(other.m_transactionDepth, 0);
    }
    return *this;
}

SqliteDatabase::~SqliteDatabase()
{
    close();
}

Result<SqliteDatabase> SqliteDatabase::open(const QString &path, Mode mode, const QString &vfsName)
{
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    disableMemoryStatistics();
    const QByteArray vfs = vfsName.toUtf8();
    sqlite3 *handle = nullptr;
    const int rc =
        sqlite3_open_v2(path.toUtf8().constData(), &handle, flags, vfs.isEmpty() ? nullptr : vfs.constData());
    SqliteDatabase database(handle, path);
    if (rc != SQLITE_OK) {
        return database.errorFromLast(QStringLiteral("open"));
    }
    sqlite3_extended_result_codes(handle, 1);
    return database;
}

bool SqliteDatabase::isOpen() const
{
    return m_handle != nullptr;
}

const QString &SqliteDatabase::path() const
{
    return m_path;
}

void SqliteDatabase::close()
{
    if (m_handle) {
        sqlite3_close_v2(m_handle);
        m_handle = nullptr;
    }
}

Result<void> SqliteDatabase::exec(const QByteArray &sql)
{
    if (sqlite3_exec(m_handle, sql.constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        return errorFromLast(QStringLiteral("run a statement on"));
    }
    return {};
}

Result<void> SqliteDatabase::exec(const QByteArray &sql, const QVariantList &parameters)
{
    auto prepared = prepare(sql);
    if (!prepared) {
        return prepared.error();
    }
    return prepared.value().execute(parameters);
}

Result<SqliteStatement> SqliteDatabase::prepare(const QByteArray &sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_handle, sql.constData(), int(sql.size()), &statement, nullptr) != SQLITE_OK) {
        return errorFromLast(QStringLiteral("prepare a statement on"));
    }
    return SqliteStatement(statement, this);
}

Result<void> SqliteDatabase::prepareAll(std::initializer_list<std::pair<SqliteStatement *, QByteArray>> statements)
{
    for (const auto &[target, sql] : statements) {
        auto prepared = prepare(sql);
        if (!prepared) {
            return prepared.error();
        }
        *target = std::move(prepared).value();
    }
    return {};
}

Result<QVariant> SqliteDatabase::scalar(const QByteArray &sql)
{
    auto statement = prepare(sql);
    if (!statement) {
        return statement.error();
    }
    SqliteStatement query = std::move(statement).value();
    const auto row = query.step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return Error{Error::Code::NotFound, QStringLiteral("The query returned no row.")};
    }
    return query.column(0);
}

Result<void> SqliteDatabase::transaction(const std::function<Result<void>()> &work)
{
    // SQLite rolls a transaction back by itself after some errors. If one went unreported, writing on (or
    // committing) would apply the rest of the change without its first half.
    const Error abandoned{Error::Code::Storage,
                          QStringLiteral("The change to %1 was abandoned after an earlier error.").arg(m_path)};
    if (m_transactionDepth > 0) {
        if (isAutocommit()) {
            return abandoned;
        }
        ++m_transactionDepth;
        Result<void> joined = work();
        --m_transactionDepth;
        return joined;
    }

    if (auto begun = exec("BEGIN IMMEDIATE"); !begun) {
        return begun;
    }
    ++m_transactionDepth;
    Result<void> result = work();
    --m_transactionDepth;
    if (result) {
        result = isAutocommit() ? Result<void>(abandoned) : exec("COMMIT");
    }
    // After SQLITE_FULL, an I/O error or SQLITE_NOMEM SQLite may have rolled back already; a second ROLLBACK
    // would only fail with "no transaction is active". A failed COMMIT (SQLITE_BUSY) leaves it open.
    if (!result && !isAutocommit()) {
        if (const auto rolledBack = exec("ROLLBACK"); !rolledBack) {
            qCWarning(lcSqlite).noquote() << "rollback failed:" << rolledBack.error().message;
        }
    }
    return result;
}

bool SqliteDatabase::isAutocommit() const
{
    return m_handle == nullptr || sqlite3_get_autocommit(m_handle) != 0;
}

qint64 SqliteDatabase::changes() const
{
    return m_handle ? sqlite3_changes64(m_handle) : 0;
}

qint64 SqliteDatabase::lastInsertRowId() const
{
    return m_handle ? sqlite3_last_insert_rowid(m_handle) : 0;
}

int SqliteDatabase::lastErrorCode() const
{
    return m_handle ? (sqlite3_extended_errcode(m_handle) & 0xff) : SQLITE_CANTOPEN;
}

Error SqliteDatabase::errorFromLast(const QString &what) const
{
    const int extended = m_handle ? sqlite3_extended_errcode(m_handle) : SQLITE_CANTOPEN;
    const int code = extended & 0xff;
    const QString detail =
        m_handle ? QString::fromUtf8(sqlite3_errmsg(m_handle)) : QString::fromUtf8(sqlite3_errstr(code));
    switch (code) {
    case SQLITE_FULL:
        return Error{Error::Code::Storage,
                     QStringLiteral("The disk is full: TuneScout could not save changes to %1. Free some disk space; "
                                    "everything saved before is kept and the change can be made again.")
                         .arg(m_path)};
    case SQLITE_IOERR:
        return Error{Error::Code::Storage,
                     QStringLiteral("TuneScout could not %1 %2 (%3). Check that the disk is present, healthy and "
                                    "not full; everything saved before is kept.")
                         .arg(ioVerb(extended), m_path, detail)};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Error{Error::Code::Corrupt,
                     QStringLiteral("The cache %1 is damaged (%2). Restart TuneScout: it moves the damaged file "
                                    "aside and builds a fresh cache.")
                         .arg(m_path, detail)};
    default:
        return Error{codeFor(code), QStringLiteral("Could not %1 the database %2: %3").arg(what, m_path, detail)};
    }
}

SqliteStatement::SqliteStatement(sqlite3_stmt *statement, SqliteDatabase *database)
    : m_statement(statement)
    , m_database(database)
{
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_statement(std::exchange(other.m_statement, nullptr))
    , m_database(other.m_database)
{
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_statement = std::exchange(other.m_statement, nullptr);
        m_database = other.m_database;
    }
    return *this;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

Result<void> SqliteStatement::bind(int index, const QVariant &value)
{
    int rc = SQLITE_OK;
    if (value.isNull()) {
        rc = sqlite3_bind_null(m_statement, index);
    } else {
        switch (value.typeId()) {
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            rc = sqlite3_bind_int64(m_statement, index, value.toLongLong());
            break;
        case QMetaType::Double:
            rc = sqlite3_bind_double(m_statement, index, value.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray bytes = value.toByteArray();
            rc = sqlite3_bind_blob64(m_statement,
                                     index,
                                     bytes.constData(),
                                     sqlite3_uint64(bytes.size()),
                                     SQLITE_TRANSIENT);
            break;
        }
        default: {
            const QByteArray text = value.toString().toUtf8();
            rc = sqlite3_bind_text64(m_statement,
                                     index,
                                     text.constData(),
                                     sqlite3_uint64(text.size()),
                                     SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
            break;
        }
        }
    }
    if (rc != SQLITE_OK) {
        return m_database->errorFromLast(QStringLiteral("bind a value for"));
    }
    return {};
}

Result<void> SqliteStatement::bindNull(int index)
{
    if (sqlite3_bind_null(m_statement, index) != SQLITE_OK) {
        return m_database->errorFromLast(QStringLiteral("bind a value for"));
    }
    return {};
}

Result<void> SqliteStatement::bindInt64(int index, qint64 value)
{
    if (sqlite3_bind_int64(m_statement, index, value) != SQLITE_OK) {
        return m_database->errorFromLast(QStringLiteral("bind a value for"));
    }
    return {};
}

Result<void> SqliteStatement::bindInt64(int index, std::optional<qint64> value)
{
    return value ? bindInt64(index, *value) : bindNull(index);
}

Result<void> SqliteStatement::bindBool(int index, std::optional<bool> value)
{
    return value ? bindInt64(index, *value ? 1 : 0) : bindNull(index);
}

Result<void> SqliteStatement::bindText(int index, QByteArrayView utf8)
{
    if (utf8.isNull()) {
        return bindNull(index);
    }
    // An empty view may have no storage: SQLite takes a NULL pointer as NULL, so point it at "" instead.
    const char *data = utf8.isEmpty() ? "" : utf8.data();
    if (sqlite3_bind_text64(m_statement, index, data, sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8)
        != SQLITE_OK) {
        return m_database->errorFromLast(QStringLiteral("bind a value for"));
    }
    return {};
}

Result<void> SqliteStatement::bindTextInPlace(int index, QByteArrayView utf8)
{
    if (utf8.isNull()) {
        return bindNull(index);
    }
    const char *data = utf8.isEmpty() ? "" : utf8.data();
    if (sqlite3_bind_text64(m_statement, index, data, sqlite3_uint64(utf8.size()), SQLITE_STATIC, SQLITE_UTF8)
        != SQLITE_OK) {
        return m_database->errorFromLast(QStringLiteral("bind a value for"));
    }
    return {};
}

Result<void> SqliteStatement::bindText(int index, QStringView text)
{
    if (text.isNull()) {
        return bindNull(index);
    }
    // SQLite converts UTF-16 (SQLITE_UTF16: native byte order) to the database's UTF-8 itself, without a
    // QByteArray in between.
    const char16_t *data = text.isEmpty() ? u"" : text.utf16();
    if (sqlite3_bind_text64(m_statement,
                            index,
                            reinterpret_cast<const char *>(data),
                            sqlite3_uint64(text.size()) * sizeof(char16_t),
                            SQLITE_TRANSIENT,
                            SQLITE_UTF16)
        != SQLITE_OK) {
        return m_database->errorFromLast(QStringLiteral("bind a value for"));
    }
    return {};
}

Result<bool> SqliteStatement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    return m_database->errorFromLast(QStringLiteral("read or write"));
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

Result<void> SqliteStatement::bindAll(const QVariantList &parameters)
{
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        if (auto bound = bind(int(i) + 1, parameters.at(i)); !bound) {
            return bound;
        }
    }
    return {};
}

Result<void> SqliteStatement::rebind(const QVariantList &parameters)
{
    reset();
    return bindAll(parameters);
}

Result<void> SqliteStatement::execute(const QVariantList &parameters)
{
    Result<void> result = rebind(parameters);
    while (result) {
        const auto row = step();
        if (!row) {
            result = row.error();
        } else if (!row.value()) {
            break;
        }
    }
    reset();
    return result;
}

Result<QList<QVariantList>> SqliteStatement::query(const QVariantList &parameters)
{
    if (auto bound = rebind(parameters); !bound) {
        reset();
        return bound.error();
    }
    QList<QVariantList> rows;
    const int columns = columnCount();
    for (;;) {
        const auto row = step();
        if (!row) {
            const Error error = row.error();
            reset();
            return error;
        }
        if (!row.value()) {
            break;
        }
        QVariantList values;
        values.reserve(columns);
        for (int i = 0; i < columns; ++i) {
            values.append(column(i));
        }
        rows.append(std::move(values));
    }
    reset();
    return rows;
}

QVariant SqliteStatement::column(int index) const
{
    switch (sqlite3_column_type(m_statement, index)) {
    case SQLITE_INTEGER:
        return QVariant::fromValue<qint64>(sqlite3_column_int64(m_statement, index));
    case SQLITE_FLOAT:
        return sqlite3_column_double(m_statement, index);
    case SQLITE_TEXT:
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_statement, index)),
                                 sqlite3_column_bytes(m_statement, index));
    case SQLITE_BLOB:
        return QByteArray(static_cast<const char *>(sqlite3_column_blob(m_statement, index)),
                          sqlite3_column_bytes(m_statement, index));
    default:
        return {};
    }
}

int SqliteStatement::columnCount() const
{
    return sqlite3_column_count(m_statement);
}

SqliteStatement::ColumnType SqliteStatement::columnType(int index) const
{
    switch (sqlite3_column_type(m_statement, index)) {
    case SQLITE_INTEGER:
        return ColumnType::Integer;
    case SQLITE_FLOAT:
        return ColumnType::Float;
    case SQLITE_TEXT:
        return ColumnType::Text;
    case SQLITE_BLOB:
        return ColumnType::Blob;
    default:
        return ColumnType::Null;
    }
}

bool SqliteStatement::isNull(int index) const
{
    return sqlite3_column_type(m_statement, index) == SQLITE_NULL;
}

qint64 SqliteStatement::columnInt64(int index) const
{
    return sqlite3_column_int64(m_statement, index);
}

double SqliteStatement::columnDouble(int index) const
{
    return sqlite3_column_double(m_statement, index);
}

QString SqliteStatement::columnText(int index) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, index));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(m_statement, index)) : QString();
}

QByteArrayView SqliteStatement::columnBytes(int index) const
{
    // sqlite3_column_blob() returns TEXT unchanged, and its size comes after it, as SQLite asks.
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(m_statement, index));
    return bytes ? QByteArrayView(bytes, sqlite3_column_bytes(m_statement, index)) : QByteArrayView();
}

} // namespace engine
