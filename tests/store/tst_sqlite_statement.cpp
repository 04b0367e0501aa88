// The typed row reads of SqliteStatement (rebind(), step(), isNull(), columnInt64() …) that loops over many rows
// use instead of query(): every SQLite type, NULL, reuse of one statement with new parameters, and errors.

#include "engine/store/sqlitedatabase.h"

#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace engine;

namespace
{

template<typename T>
QByteArray why(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

} // namespace

class TestSqliteStatement : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SqliteDatabase m_db;

    SqliteStatement prepared(const QByteArray &sql)
    {
        auto statement = m_db.prepare(sql);
        if (!statement) {
            qWarning("%s", why(statement).constData());
            return {};
        }
        return std::move(statement).value();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        auto opened =
            SqliteDatabase::open(m_dir.filePath(QStringLiteral("typed.sqlite")), SqliteDatabase::Mode::ReadWriteCreate);
        QVERIFY2(opened, why(opened).constData());
        m_db = std::move(opened).value();
        QVERIFY(m_db.exec("DROP TABLE IF EXISTS cells; "
                          "CREATE TABLE cells (id INTEGER PRIMARY KEY, i INTEGER, f REAL, t TEXT, b BLOB); "
                          "INSERT INTO cells VALUES (1, 9007199254740993, 2.5, 'Björk – Jóga', x'00ff10'); "
                          "INSERT INTO cells VALUES (2, NULL, NULL, NULL, NULL); "
                          "INSERT INTO cells VALUES (3, -42, -0.125, '', x''); "
                          "INSERT INTO cells VALUES (4, 7, 1e300, '17 apples', NULL);"));
    }

    void cleanup()
    {
        m_db.close();
    }

    void everyTypeReadsAsItsOwnType()
    {
        SqliteStatement s = prepared("SELECT i, f, t, b FROM cells WHERE id = ?1");
        QVERIFY(s.rebind({1}));
        auto row = s.step();
        QVERIFY2(row, why(row).constData());
        QVERIFY(row.value());
        QCOMPARE(s.columnType(0), SqliteStatement::ColumnType::Integer);
        QCOMPARE(s.columnType(1), SqliteStatement::ColumnType::Float);
        QCOMPARE(s.columnType(2), SqliteStatement::ColumnType::Text);
        QCOMPARE(s.columnType(3), SqliteStatement::ColumnType::Blob);
        QVERIFY(!s.isNull(0));
        // Beyond 2^53: read as an integer, not through a double.
        QCOMPARE(s.columnInt64(0), Q_INT64_C(9007199254740993));
        QCOMPARE(s.columnDouble(1), 2.5);
        QCOMPARE(s.columnText(2), QStringLiteral("Björk – Jóga"));
        QCOMPARE(s.columnBytes(2), QByteArrayView("Bj\xc3\xb6rk \xe2\x80\x93 J\xc3\xb3ga"));
        QCOMPARE(s.columnBytes(3), QByteArrayView("\x00\xff\x10", 3));
        row = s.step();
        QVERIFY(row);
        QVERIFY(!row.value());
        s.reset();
    }

    void nullReadsAsZeroAndEmptyButIsDistinguishable()
    {
        SqliteStatement s = prepared("SELECT i, f, t, b FROM cells WHERE id = ?1");
        QVERIFY(s.rebind({2}));
        QCOMPARE(s.step().value(), true);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(s.columnType(i), SqliteStatement::ColumnType::Null);
            QVERIFY(s.isNull(i));
        }
        QCOMPARE(s.columnInt64(0), Q_INT64_C(0));
        QCOMPARE(s.columnDouble(1), 0.0);
        QVERIFY(s.columnText(2).isNull());
        QVERIFY(s.columnBytes(3).isEmpty());

        // An empty string and an empty blob are values, not NULL.
        QVERIFY(s.rebind({3}));
        QCOMPARE(s.step().value(), true);
        QVERIFY(!s.isNull(2));
        QVERIFY(!s.isNull(3));
        QVERIFY(s.columnText(2).isEmpty());
        QVERIFY(s.columnBytes(3).isEmpty());
        QCOMPARE(s.columnInt64(0), Q_INT64_C(-42));
        QCOMPARE(s.columnDouble(1), -0.125);
        s.reset();
    }

    void valuesConvertLikeSqlite()
    {
        // Reading a column as another type converts the way SQLite does; the typed reads agree with column().
        SqliteStatement s = prepared("SELECT t, f, i FROM cells WHERE id = 4");
        QVERIFY(s.rebind());
        QCOMPARE(s.step().value(), true);
        QCOMPARE(s.column(0), QVariant(QStringLiteral("17 apples")));
        QCOMPARE(s.columnInt64(0), Q_INT64_C(17));
        QCOMPARE(s.columnDouble(1), 1e300);
        QCOMPARE(s.columnText(2), QStringLiteral("7"));
        QCOMPARE(s.columnDouble(2), 7.0);
        s.reset();
    }

    void aStatementIsReboundAndReadAgain()
    {
        SqliteStatement s = prepared("SELECT id, ?2 FROM cells WHERE id >= ?1 ORDER BY id");
        const auto ids = [&s](const QVariantList &parameters, QVariant *second = nullptr) {
            QList<qint64> read;
            if (!s.rebind(parameters)) {
                return QList<qint64>{-1};
            }
            for (;;) {
                const auto row = s.step();
                if (!row || !row.value()) {
                    break;
                }
                read.append(s.columnInt64(0));
                if (second) {
                    *second = s.column(1);
                }
            }
            s.reset();
            return read;
        };
        QVariant second;
        QCOMPARE(ids({3, QStringLiteral("x")}, &second), (QList<qint64>{3, 4}));
        QCOMPARE(second, QVariant(QStringLiteral("x")));
        // A rebind in the middle of a loop starts over.
        QVERIFY(s.rebind({1}));
        QCOMPARE(s.step().value(), true);
        QCOMPARE(s.columnInt64(0), Q_INT64_C(1));
        QCOMPARE(ids({2}, &second), (QList<qint64>{2, 3, 4}));
        // The previous bindings were cleared: ?2 is NULL now.
        QVERIFY(second.isNull());
        QCOMPARE(ids({5}), QList<qint64>());
        // The existing query() still works on the same statement.
        const auto rows = s.query({4, 1});
        QVERIFY2(rows, why(rows).constData());
        QCOMPARE(rows.value(), (QList<QVariantList>{{Q_INT64_C(4), Q_INT64_C(1)}}));
    }

    void readsOutsideARowAreNull()
    {
        SqliteStatement s = prepared("SELECT i FROM cells WHERE id = 1");
        QVERIFY(s.rebind());
        // Before the first step, past the last column and after the end there is no value to read.
        QVERIFY(s.isNull(0));
        QCOMPARE(s.columnInt64(0), Q_INT64_C(0));
        QCOMPARE(s.step().value(), true);
        QVERIFY(s.isNull(1));
        QVERIFY(s.isNull(-1));
        QCOMPARE(s.columnInt64(1), Q_INT64_C(0));
        QVERIFY(s.columnText(1).isNull());
        QVERIFY(s.columnBytes(1).isEmpty());
        QCOMPARE(s.step().value(), false);
        QVERIFY(s.isNull(0));
        s.reset();
    }

    void typedBindsStoreEachTypeAndNull()
    {
        SqliteStatement insert = prepared("INSERT INTO cells (id, i, t, b) VALUES (?1, ?2, ?3, ?4)");
        const QString unicode = QStringLiteral("Sigur R\u00f3s \u2013 Hopp\u00edpolla \U0001F3B5");
        struct Case {
            qint64 id;
            std::optional<qint64> integer;
            std::optional<bool> flag;
            bool utf16; // bind the text as a QStringView, else as UTF-8 bytes
            QString text; // a null QString binds NULL
        };
        const Case cases[] = {
            {10, std::numeric_limits<qint64>::min(), true, true, unicode},
            {11, std::nullopt, false, false, unicode},
            {12, 0, std::nullopt, true, QString()},
            {13, -1, std::nullopt, false, QString()},
            {14, 5, true, true, QStringLiteral("")},
            {15, 6, false, false, QStringLiteral("")},
        };
        for (const Case &c : cases) {
            insert.reset();
            QVERIFY(insert.bindInt64(1, c.id));
            QVERIFY(insert.bindInt64(2, c.integer));
            const QByteArray bytes = c.text.toUtf8();
            QVERIFY(c.utf16 ? insert.bindText(3, QStringView(c.text))
                            : insert.bindText(3, c.text.isNull() ? QByteArrayView() : QByteArrayView(bytes)));
            QVERIFY(insert.bindBool(4, c.flag));
            const auto stepped = insert.step();
            QVERIFY2(stepped, why(stepped).constData());
            QCOMPARE(stepped.value(), false);
        }
        insert.reset();

        SqliteStatement read = prepared("SELECT i, t, b, typeof(t) FROM cells WHERE id = ?1");
        for (const Case &c : cases) {
            QVERIFY(read.rebind({c.id}));
            QCOMPARE(read.step().value(), true);
            QCOMPARE(read.isNull(0), !c.integer.has_value());
            QCOMPARE(read.columnInt64(0), c.integer.value_or(0));
            QCOMPARE(read.columnText(3), c.text.isNull() ? QStringLiteral("null") : QStringLiteral("text"));
            QCOMPARE(read.isNull(1), c.text.isNull());
            QCOMPARE(read.columnText(1), c.text.isNull() ? QString() : c.text);
            QCOMPARE(read.columnBytes(1).toByteArray(), c.text.isNull() ? QByteArray() : c.text.toUtf8());
            QCOMPARE(read.isNull(2), !c.flag.has_value());
            QCOMPARE(read.columnInt64(2), c.flag.value_or(false) ? 1 : 0);
            read.reset();
        }

        // A parameter the statement does not have is refused, with SQLite's reason.
        insert.reset();
        const auto outOfRange = insert.bindInt64(5, 1);
        QVERIFY(!outOfRange);
        QVERIFY2(outOfRange.error().message.contains(QStringLiteral("out of range")),
                 qPrintable(outOfRange.error().message));
        QVERIFY(!insert.bindText(0, QByteArrayView("x")));
        QVERIFY(!insert.bindNull(9));
        insert.reset();
    }

    void errorsNameTheCacheAndLeaveTheStatementUsable()
    {
        // abs() of the smallest integer overflows: SQLite reports it from step(), in the middle of the rows.
        SqliteStatement s = prepared("SELECT abs(i) FROM cells WHERE i IS NOT NULL ORDER BY id");
        QVERIFY(m_db.exec("INSERT INTO cells (id, i) VALUES (5, -9223372036854775808)"));
        QVERIFY(s.rebind());
        QList<qint64> read;
        std::optional<Error> failed;
        for (;;) {
            const auto row = s.step();
            if (!row) {
                failed = row.error();
                break;
            }
            if (!row.value()) {
                break;
            }
            read.append(s.columnInt64(0));
        }
        s.reset();
        QCOMPARE(read, (QList<qint64>{Q_INT64_C(9007199254740993), 42, 7}));
        QVERIFY(failed.has_value());
        QVERIFY2(failed->message.contains(QStringLiteral("integer overflow")), qPrintable(failed->message));
        QVERIFY2(failed->message.contains(m_db.path()), qPrintable(failed->message));

        // A parameter the statement does not have is refused by rebind(), which names the problem.
        const auto tooMany = s.rebind({1});
        QVERIFY(!tooMany);
        QVERIFY2(tooMany.error().message.contains(QStringLiteral("out of range")), qPrintable(tooMany.error().message));

        // After both errors the statement runs again.
        QVERIFY(m_db.exec("DELETE FROM cells WHERE id = 5"));
        QVERIFY(s.rebind());
        QCOMPARE(s.step().value(), true);
        QCOMPARE(s.columnInt64(0), Q_INT64_C(9007199254740993));
        s.reset();
    }
};

QTEST_GUILESS_MAIN(TestSqliteStatement)
#include "tst_sqlite_statement.moc"
