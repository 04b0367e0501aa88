#include "engine/store/sqlitedatabase.h"

#include <sqlite3.h>

#include <utility>

namespace engine
{

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

} // namespace

SqliteDatabase::SqliteDatabase(sqlite3 *handle, QString path)
    : m_handle(handle)
    , m_path(std::move(path))
{
}

SqliteDatabase::SqliteDatabase(SqliteDatabase &&other) noexcept
    : m_handle(std::exchange(other.m_handle, nullptr))
    , m_path(std::move(other.m_path))
{
}

SqliteDatabase &SqliteDatabase::operator=(SqliteDatabase &&other) noexcept
{
    if (this != &other) {
        close();
        m_handle = std::exchange(other.m_handle, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

SqliteDatabase::~SqliteDatabase()
{
    close();
}

Result<SqliteDatabase> SqliteDatabase::open(const QString &path, Mode mode)
{
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    sqlite3 *handle = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &handle, flags, nullptr);
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
    SqliteStatement &statement = prepared.value();
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        if (auto bound = statement.bind(int(i) + 1, parameters.at(i)); !bound) {
            return bound;
        }
    }
    for (;;) {
        const auto row = statement.step();
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            return {};
        }
    }
}

Result<SqliteStatement> SqliteDatabase::prepare(const QByteArray &sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_handle, sql.constData(), int(sql.size()), &statement, nullptr) != SQLITE_OK) {
        return errorFromLast(QStringLiteral("prepare a statement on"));
    }
    return SqliteStatement(statement, this);
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

bool SqliteDatabase::isAutocommit() const
{
    return m_handle == nullptr || sqlite3_get_autocommit(m_handle) != 0;
}

int SqliteDatabase::lastErrorCode() const
{
    return m_handle ? (sqlite3_extended_errcode(m_handle) & 0xff) : SQLITE_CANTOPEN;
}

Error SqliteDatabase::errorFromLast(const QString &what) const
{
    const int code = lastErrorCode();
    const QString detail =
        m_handle ? QString::fromUtf8(sqlite3_errmsg(m_handle)) : QString::fromUtf8(sqlite3_errstr(code));
    return Error{codeFor(code), QStringLiteral("Could not %1 the database %2: %3").arg(what, m_path, detail)};
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

Result<void> SqliteStatement::reset()
{
    if (sqlite3_reset(m_statement) != SQLITE_OK) {
        return m_database->errorFromLast(QStringLiteral("reset a statement on"));
    }
    sqlite3_clear_bindings(m_statement);
    return {};
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

} // namespace engine
