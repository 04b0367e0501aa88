#pragma once

#include "engine/model/result.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace engine
{

class SqliteStatement;

// One SQLite connection through the C API. Move-only; closes on destruction. Every failure comes back as
// an Error whose message names the file and SQLite's own explanation.
class SqliteDatabase
{
public:
    enum class Mode { ReadOnly, ReadWriteCreate };

    SqliteDatabase() = default;
    SqliteDatabase(SqliteDatabase &&other) noexcept;
    SqliteDatabase &operator=(SqliteDatabase &&other) noexcept;
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;
    ~SqliteDatabase();

    static Result<SqliteDatabase> open(const QString &path, Mode mode);

    bool isOpen() const;
    const QString &path() const;
    void close();

    // Runs one or more statements that return no rows.
    Result<void> exec(const QByteArray &sql);
    // Runs one statement with its ?1, ?2 … parameters bound to `parameters`, stepping it to the end.
    Result<void> exec(const QByteArray &sql, const QVariantList &parameters);
    Result<SqliteStatement> prepare(const QByteArray &sql);
    // The first column of the first row of a query, or an error if there is no row.
    Result<QVariant> scalar(const QByteArray &sql);

    // True when no transaction is open: after SQLITE_FULL or an I/O error SQLite may already have rolled
    // back, and the caller must not assume its transaction is still alive.
    bool isAutocommit() const;

    // The SQLite primary result code of the last failure on this connection.
    int lastErrorCode() const;
    Error errorFromLast(const QString &what) const;

private:
    explicit SqliteDatabase(sqlite3 *handle, QString path);

    sqlite3 *m_handle = nullptr;
    QString m_path;
};

class SqliteStatement
{
public:
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement();

    // Binds 1-based parameters: null, integer types, double, QString, QByteArray (blob).
    Result<void> bind(int index, const QVariant &value);
    // Steps once: true when a row is ready, false when done.
    Result<bool> step();
    Result<void> reset();
    QVariant column(int index) const;
    int columnCount() const;

private:
    friend class SqliteDatabase;
    SqliteStatement(sqlite3_stmt *statement, SqliteDatabase *database);

    sqlite3_stmt *m_statement = nullptr;
    SqliteDatabase *m_database = nullptr;
};

} // namespace engine
