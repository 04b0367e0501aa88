#pragma once

#include "engine/model/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <optional>
#include <utility>

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

    // vfsName selects a registered sqlite3_vfs (tests inject I/O faults this way); empty means SQLite's default.
    static Result<SqliteDatabase> open(const QString &path, Mode mode, const QString &vfsName = QString());

    bool isOpen() const;
    const QString &path() const;
    void close();

    // Runs one or more statements that return no rows.
    Result<void> exec(const QByteArray &sql);
    // Runs one statement with its ?1, ?2 … parameters bound to `parameters`, stepping it to the end.
    Result<void> exec(const QByteArray &sql, const QVariantList &parameters);
    Result<SqliteStatement> prepare(const QByteArray &sql);
    // Prepares each statement into its target, in order; stops at the first failure.
    Result<void> prepareAll(std::initializer_list<std::pair<SqliteStatement *, QByteArray>> statements);
    // The first column of the first row of a query, or an error if there is no row.
    Result<QVariant> scalar(const QByteArray &sql);

    // Runs work between BEGIN IMMEDIATE and COMMIT, rolling back when work or COMMIT fails. Called from inside
    // work, it joins the transaction already open, so repositories compose into one atomic write.
    Result<void> transaction(const std::function<Result<void>()> &work);

    // True when no transaction is open: after SQLITE_FULL or an I/O error SQLite may already have rolled
    // back, and the caller must not assume its transaction is still alive.
    bool isAutocommit() const;
    // Rows changed by the last INSERT, UPDATE or DELETE.
    qint64 changes() const;
    // The rowid of the last row inserted on this connection.
    qint64 lastInsertRowId() const;

    // The SQLite primary result code of the last failure on this connection.
    int lastErrorCode() const;
    // Storage for a full disk or an I/O error and Corrupt for a damaged file, each with a message that tells
    // the user what to do; other failures name the operation and SQLite's own explanation.
    Error errorFromLast(const QString &what) const;

private:
    explicit SqliteDatabase(sqlite3 *handle, QString path);

    sqlite3 *m_handle = nullptr;
    QString m_path;
    int m_transactionDepth = 0;
};

// A prepared statement. Repositories prepare theirs once and run them many times through execute() and
// query(), which rewind the statement before binding and again afterwards, so that no read snapshot or
// pending write outlives the call.
//
// Loops over many rows (the statistics snapshot reads a million) use the typed reads instead, which neither
// build a QVariant per cell nor collect the rows first:
//
//     if (auto bound = statement.rebind({from}); !bound) { … }
//     for (;;) {
//         const auto row = statement.step(); // an error, true for a row, false at the end
//         …  statement.isNull(1) ? … : statement.columnInt64(1) …
//     }
//     statement.reset(); // so that no read snapshot outlives the loop
class SqliteStatement
{
public:
    enum class ColumnType { Null, Integer, Float, Text, Blob };

    SqliteStatement() = default; // holds nothing until a prepared statement is moved in
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement();

    // Binds 1-based parameters: null, integer types, double, QString, QByteArray (blob).
    Result<void> bind(int index, const QVariant &value);
    // Typed binds of the 1-based parameter `index`, for statements run once per row of a large input: no
    // QVariant is built and text is copied once, straight into SQLite. Use them after reset() (or rebind()),
    // then step(). A null std::optional binds NULL; bindText() of a null view binds NULL, of an empty one ''.
    Result<void> bindNull(int index);
    Result<void> bindInt64(int index, qint64 value);
    Result<void> bindInt64(int index, std::optional<qint64> value);
    Result<void> bindBool(int index, std::optional<bool> value); // 1, 0 or NULL
    Result<void> bindText(int index, QByteArrayView utf8);
    Result<void> bindText(int index, QStringView text);
    // bindText() of UTF-8 that SQLite reads in place instead of copying: the bytes must stay valid and unchanged
    // until reset(), which unbinds them. For text bound many times per statement (a multi-row INSERT).
    Result<void> bindTextInPlace(int index, QByteArrayView utf8);
    // Steps once: true when a row is ready, false when done.
    Result<bool> step();
    // Rewinds and clears the bindings. Any error sqlite3_reset() repeats belongs to the last step(), which
    // already reported it.
    void reset();
    QVariant column(int index) const;
    int columnCount() const;

    // Rewinds, clears the bindings and binds parameters to ?1, ?2 …, ready for step() and the typed reads.
    Result<void> rebind(const QVariantList &parameters = {});

    // Typed reads of the 0-based column `index` of the current row. A column read as another type converts as
    // in SQL (CAST); there is no value (NULL, 0, an empty view) before the first row, after the last, or past
    // the last column. Ask columnType() or isNull() before reading the value: a read may convert it in place.
    ColumnType columnType(int index) const;
    bool isNull(int index) const;
    qint64 columnInt64(int index) const;
    double columnDouble(int index) const;
    QString columnText(int index) const; // a null QString for NULL
    // The UTF-8 of a TEXT column or the bytes of a BLOB, without a copy: valid until the next step() or reset().
    QByteArrayView columnBytes(int index) const;

    // Binds parameters to ?1, ?2 … and steps to the end.
    Result<void> execute(const QVariantList &parameters = {});
    // Binds parameters to ?1, ?2 … and returns every row.
    Result<QList<QVariantList>> query(const QVariantList &parameters = {});

private:
    friend class SqliteDatabase;
    SqliteStatement(sqlite3_stmt *statement, SqliteDatabase *database);
    Result<void> bindAll(const QVariantList &parameters);

    sqlite3_stmt *m_statement = nullptr;
    SqliteDatabase *m_database = nullptr;
};

// SqliteDatabase::transaction() for work that produces a value (a row id, a count).
template<typename T, typename Work>
Result<T> inTransaction(SqliteDatabase &database, Work &&work)
{
    std::optional<T> produced;
    const Result<void> done = database.transaction([&work, &produced]() -> Result<void> {
        Result<T> result = work();
        if (!result) {
            return result.error();
        }
        produced = std::move(result).value();
        return {};
    });
    if (!done) {
        return done.error();
    }
    return std::move(*produced);
}

} // namespace engine
