#include "engine/migrate/migrationset.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using engine::Error;
using engine::Migration;
using engine::MigrationSet;

class TestMigrationSet : public QObject
{
    Q_OBJECT

private:
    static void write(const QTemporaryDir &dir, const QString &name, const QByteArray &sql)
    {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(sql);
    }

private Q_SLOTS:
    void loadsInOrder()
    {
        QTemporaryDir dir;
        write(dir, QStringLiteral("0002_add_tracks.sql"), "CREATE TABLE tracks (id INTEGER);");
        write(dir, QStringLiteral("0001_create_meta.sql"), "CREATE TABLE meta (id INTEGER);");
        write(dir, QStringLiteral("README.md"), "not a migration");

        const auto set = MigrationSet::load(dir.path());
        QVERIFY2(set.ok(), qPrintable(set.ok() ? QString() : set.error().message));
        QCOMPARE(set.value().latestVersion(), 2);
        QCOMPARE(set.value().all().at(0).name, QStringLiteral("create_meta"));
        QCOMPARE(set.value().all().at(1).fileName, QStringLiteral("0002_add_tracks.sql"));
    }

    void loadsTheBuiltInClientMigrations()
    {
        const auto set = MigrationSet::load(QStringLiteral(TUNESCOUT_SOURCE_DIR "/migrations/client"));
        QVERIFY(set.ok());
        QVERIFY(set.value().latestVersion() >= 1);
    }

    void rejectsBadSets_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("messagePart");
        QTest::addRow("gap") << QStringList{QStringLiteral("0001_a.sql"), QStringLiteral("0003_c.sql")}
                             << QStringLiteral("0003_c.sql");
        QTest::addRow("repeat") << QStringList{QStringLiteral("0001_a.sql"), QStringLiteral("0001_b.sql")}
                                << QStringLiteral("without gaps or repeats");
        QTest::addRow("not-from-one") << QStringList{QStringLiteral("0002_b.sql")} << QStringLiteral("0002_b.sql");
        QTest::addRow("bad-name") << QStringList{QStringLiteral("1_create.sql")} << QStringLiteral("NNNN_verb_object");
        QTest::addRow("upper-case-name") << QStringList{QStringLiteral("0001_Create.sql")}
                                         << QStringLiteral("NNNN_verb_object");
    }

    void rejectsBadSets()
    {
        QFETCH(QStringList, files);
        QFETCH(QString, messagePart);
        QTemporaryDir dir;
        for (const QString &file : files) {
            write(dir, file, "SELECT 1;");
        }
        const auto set = MigrationSet::load(dir.path());
        QVERIFY(!set.ok());
        QVERIFY2(set.error().message.contains(messagePart), qPrintable(set.error().message));
    }

    void rejectsEmptyMigration()
    {
        QTemporaryDir dir;
        write(dir, QStringLiteral("0001_create_nothing.sql"), "  \n");
        const auto set = MigrationSet::load(dir.path());
        QVERIFY(!set.ok());
        QVERIFY(set.error().message.contains(QStringLiteral("empty")));
    }

    void missingDirectory()
    {
        const auto set = MigrationSet::load(QStringLiteral("/nonexistent/tunescout/migrations"));
        QVERIFY(!set.ok());
        QCOMPARE(set.error().code, Error::Code::NotFound);
    }

    void plansPendingSteps_data()
    {
        QTest::addColumn<int>("current");
        QTest::addColumn<QList<int>>("pending");
        QTest::addRow("fresh") << 0 << QList<int>{1, 2, 3};
        QTest::addRow("middle") << 2 << QList<int>{3};
        QTest::addRow("latest") << 3 << QList<int>{};
    }

    void plansPendingSteps()
    {
        QFETCH(int, current);
        QFETCH(QList<int>, pending);
        const auto set = MigrationSet::fromList({{3, QStringLiteral("c"), {}, "SELECT 3"},
                                                 {1, QStringLiteral("a"), {}, "SELECT 1"},
                                                 {2, QStringLiteral("b"), {}, "SELECT 2"}});
        QVERIFY(set.ok());
        const auto planned = set.value().pendingFrom(current);
        QVERIFY(planned.ok());
        QList<int> versions;
        for (const Migration &m : planned.value()) {
            versions.append(m.version);
        }
        QCOMPARE(versions, pending);
    }

    void refusesNewerDatabase()
    {
        const auto set = MigrationSet::fromList({{1, QStringLiteral("a"), {}, "SELECT 1"}});
        const auto planned = set.value().pendingFrom(5);
        QVERIFY(!planned.ok());
        QCOMPARE(planned.error().code, Error::Code::NewerSchema);
        QVERIFY(planned.error().message.contains(QStringLiteral("newer version")));
        QCOMPARE(set.value().pendingFrom(-1).error().code, Error::Code::Corrupt);
    }
};

QTEST_GUILESS_MAIN(TestMigrationSet)
#include "tst_migrationset.moc"
