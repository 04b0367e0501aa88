#include "hub/migrator.h"
#include "tests/hub/hubtestsupport.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <string>
#include <string_view>

#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

using hubtest::HubRun;
using hubtest::ScratchDatabase;

namespace
{

int latestVersion()
{
    const auto migrations = hub::Migrator::load();
    return migrations ? migrations.value().latestVersion() : -1;
}

QString describe(const HubRun &run)
{
    return QStringLiteral("exit %1 (%2)\nstdout: %3\nstderr: %4")
        .arg(run.exitCode)
        .arg(run.exitStatus == QProcess::NormalExit ? QStringLiteral("normal") : QStringLiteral("crash"))
        .arg(run.standardOutput, run.standardError);
}

// The built-in migrations plus a 0002 that creates a table and then fails.
bool writeBrokenMigrations(const QString &directory)
{
    const QDir builtIn(hub::Migrator::builtInDirectory());
    const QStringList files = builtIn.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        if (!QFile::copy(builtIn.filePath(file), QDir(directory).filePath(file))) {
            return false;
        }
    }
    QFile broken(
        QDir(directory).filePath(QStringLiteral("%1_break_things.sql").arg(files.size() + 1, 4, 10, QLatin1Char('0'))));
    return broken.open(QIODevice::WriteOnly)
        && broken.write("CREATE TABLE rollback_probes (id integer PRIMARY KEY);\n"
                        "INSERT INTO no_such_table VALUES (1);\n")
        > 0;
}

// Sessions waiting for the migration lock in database.
qint64 waitingForMigrationLock(ScratchDatabase &database)
{
    pqxx::nontransaction transaction(database.connection());
    return transaction
        .exec_params1("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                      "WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = $1 "
                      "AND ((l.classid::bigint << 32) | l.objid::bigint) = $2",
                      database.name().toStdString(),
                      hub::Migrator::lockKey)[0]
        .as<qint64>();
}

// A value offered to one CHECKed column of the synced tables, and whether the checks of 0002 take it.
struct CheckProbe {
    const char *name;
    const char *table;
    const char *column;
    std::optional<std::string> value;
    bool accepted;
};

constexpr int checksRewrittenIn = 5;
const std::string validTrack = "spotify:track:4uLU6hMCjMI75M1A2tKUQC";
const std::string validArtist = "spotify:artist:0OdUWJ0sBjDrqHygGUXeCF";
const std::string validHash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

QList<CheckProbe> checkProbes()
{
    const std::string id = validTrack.substr(14);
    const std::string hash63 = validHash.substr(1);
    QList<CheckProbe> probes;
    for (const char *table : {"plays", "feedback"}) {
        const char *column = std::string_view(table) == "plays" ? "track_uri" : "uri";
        probes += {
            {"track", table, column, validTrack, true},
            {"empty", table, column, std::string(), false},
            {"trailing newline", table, column, validTrack + "\n", false},
            // 36 bytes, the length of a valid URI: the newline takes the place of an id character.
            {"21 characters and a newline", table, column, validTrack.substr(0, 35) + "\n", false},
            {"leading space", table, column, " " + validTrack, false},
            {"21-character id", table, column, validTrack.substr(0, 35), false},
            {"23-character id", table, column, validTrack + "Q", false},
            {"dash in the id", table, column, "spotify:track:4uLU6hMCjMI75M1A2tKU-C", false},
            {"underscore in the id", table, column, "spotify:track:4uLU6hMCjMI75M1A2tKU_C", false},
            // 22 characters but 23 bytes, and 21 characters in exactly 22 bytes.
            {"non-ASCII letter in the id",
             table,
             column,
             "spotify:track:4uLU6hMCjMI75M1A2tKU\xc3\xa9"
             "C",
             false},
            {"non-ASCII letter as two bytes", table, column, "spotify:track:4uLU6hMCjMI75M1A2tKU\xc3\xa9", false},
            {"full-width digit", table, column, "spotify:track:4uLU6hMCjMI75M1A2tKU\xef\xbc\x91", false},
            {"upper-case scheme", table, column, "SPOTIFY:track:" + id, false},
            {"other prefix of the same length", table, column, "spotify:tracK:" + id, false},
            {"album", table, column, "spotify:album:" + id, false},
            {"artist", table, column, validArtist, std::string_view(table) == "feedback"},
            {"artist with a 21-character id and a newline", table, column, validArtist.substr(0, 36) + "\n", false},
            {"artist with a 23-character id", table, column, validArtist + "Q", false},
        };
        if (std::string_view(table) == "plays") {
            probes.append({"no track", table, column, std::nullopt, true});
        }
    }
    for (const char *table : {"plays", "feedback", "library_snapshots"}) {
        probes += {
            {"hash", table, "payload_sha256", validHash, true},
            {"empty hash", table, "payload_sha256", std::string(), false},
            {"upper-case hash", table, "payload_sha256", "0123456789ABCDEF" + validHash.substr(16), false},
            {"63 digits", table, "payload_sha256", hash63, false},
            {"63 digits and a space", table, "payload_sha256", hash63 + " ", false},
            {"63 digits and a newline", table, "payload_sha256", hash63 + "\n", false},
            {"62 digits and a two-byte letter", table, "payload_sha256", hash63.substr(1) + "\xc3\xa9", false},
            {"63 digits and a g", table, "payload_sha256", hash63 + "g", false},
            // char(64) drops the spaces past 64 characters, so this one is stored as the valid hash.
            {"64 digits and a space", table, "payload_sha256", validHash + " ", true},
            {"65 digits", table, "payload_sha256", validHash + "0", false},
            {"64 two-byte letters",
             table,
             "payload_sha256",
             [] {
                 std::string letters;
                 for (int i = 0; i < 64; ++i) {
                     letters += "\xc3\xa9";
                 }
                 return letters;
             }(),
             false},
        };
    }
    return probes;
}

// Inserts a row that is valid but for probe's value, in a transaction that is rolled back: "accepted", or the
// first line of PostgreSQL's error (its SQLSTATE and which constraint refused the value).
QString offer(pqxx::connection &connection, qint64 memberId, const CheckProbe &probe)
{
    const std::string table = probe.table;
    const std::string column = probe.column;
    const auto value = [&](const char *name, const std::string &valid) -> std::optional<std::string> {
        return column == name ? probe.value : std::optional<std::string>(valid);
    };
    const auto parameter = [](const std::optional<std::string> &text) {
        return text ? text->c_str() : nullptr;
    };
    const std::optional<std::string> hash = value("payload_sha256", validHash);
    try {
        pqxx::work transaction(connection);
        if (table == "plays") {
            transaction.exec_params0(
                "INSERT INTO plays (member_id, client_id, played_at, track_uri, ms_played, "
                "payload, payload_sha256) VALUES ($1, gen_random_uuid(), now(), $2, 1000, '{}', $3)",
                memberId,
                parameter(value("track_uri", validTrack)),
                parameter(hash));
        } else if (table == "feedback") {
            transaction.exec_params0("INSERT INTO feedback (member_id, client_id, kind, uri, created_at, payload, "
                                     "payload_sha256) VALUES ($1, gen_random_uuid(), 'like', $2, now(), '{}', $3)",
                                     memberId,
                                     parameter(value("uri", validTrack)),
                                     parameter(hash));
        } else {
            transaction.exec_params0("INSERT INTO library_snapshots (member_id, client_id, taken_at, payload, "
                                     "payload_sha256) VALUES ($1, gen_random_uuid(), now(), '{}', $2)",
                                     memberId,
                                     parameter(hash));
        }
        return QStringLiteral("accepted");
    } catch (const pqxx::sql_error &error) {
        const QString message = QString::fromUtf8(error.what()).trimmed();
        return QString::fromStdString(error.sqlstate()) + QLatin1Char(' ') + message.section(QLatin1Char('\n'), 0, 0);
    }
}

QStringList offerAll(pqxx::connection &connection, qint64 memberId)
{
    QStringList outcomes;
    for (const CheckProbe &probe : checkProbes()) {
        outcomes.append(QStringLiteral("%1.%2 %3: %4")
                            .arg(QLatin1String(probe.table),
                                 QLatin1String(probe.column),
                                 QLatin1String(probe.name),
                                 offer(connection, memberId, probe)));
    }
    return outcomes;
}

} // namespace

class TestHubMigrate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInMigrationsMatchTheSourceTree();
    void migrateFromEmptyReachesLatestAndIsIdempotent();
    void concurrentHubsApplyEachMigrationOnce();
    void failingMigrationChangesNothing_data();
    void failingMigrationChangesNothing();
    void newerDatabaseIsRefused();
    void initialSchemaStoresOnlyTokenHashes();
    void migratorReportsWhatItDid();
    void syncChecksRefuseTheSameValuesAfter0005();
};

void TestHubMigrate::builtInMigrationsMatchTheSourceTree()
{
    // Each file must be listed in hub/CMakeLists.txt to be compiled in; this catches a forgotten one.
    const QDir source(QDir(testsupport::sourceDir()).filePath(QStringLiteral("migrations/hub")));
    const QDir builtIn(hub::Migrator::builtInDirectory());
    const QStringList sourceFiles = source.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    QVERIFY(!sourceFiles.isEmpty());
    QCOMPARE(builtIn.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name), sourceFiles);
    for (const QString &file : sourceFiles) {
        QFile a(source.filePath(file));
        QFile b(builtIn.filePath(file));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(b.readAll(), a.readAll());
    }
    const auto migrations = hub::Migrator::load();
    QVERIFY2(migrations.ok(), qPrintable(migrations.ok() ? QString() : migrations.error().message));
    QCOMPARE(migrations.value().latestVersion(), int(sourceFiles.size()));
}

void TestHubMigrate::migrateFromEmptyReachesLatestAndIsIdempotent()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    QCOMPARE(database.migrationRows(), -1);

    const HubRun first = hubtest::runHub({QStringLiteral("migrate"), QStringLiteral("--database-url"), database.url()});
    QVERIFY2(first.finished && first.exitStatus == QProcess::NormalExit && first.exitCode == 0,
             qPrintable(describe(first)));
    QVERIFY2(first.standardOutput.startsWith(QStringLiteral("Applied %1 migration(s)").arg(latestVersion())),
             qPrintable(describe(first)));
    QCOMPARE(database.schemaVersion(), latestVersion());
    QCOMPARE(database.migrationRows(), latestVersion());
    for (const char *table : {"households", "members", "devices"}) {
        QVERIFY2(database.tableExists(QLatin1String(table)), table);
    }
    const qint64 appliedAt =
        database.scalar("SELECT (extract(epoch FROM max(applied_at)) * 1000000)::bigint FROM schema_migrations");

    const HubRun second =
        hubtest::runHub({QStringLiteral("migrate"), QStringLiteral("--database-url"), database.url()});
    QVERIFY2(second.finished && second.exitCode == 0, qPrintable(describe(second)));
    QCOMPARE(second.standardOutput,
             QStringLiteral("The database schema is up to date (version %1).\n").arg(latestVersion()));
    QCOMPARE(database.migrationRows(), latestVersion());
    QCOMPARE(database.scalar("SELECT (extract(epoch FROM max(applied_at)) * 1000000)::bigint FROM schema_migrations"),
             appliedAt);
}

void TestHubMigrate::concurrentHubsApplyEachMigrationOnce()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));

    // The test holds the migration lock, so both hubs are certain to be waiting on it at the same time.
    pqxx::connection holder(database.url().toStdString());
    auto lock = std::make_unique<pqxx::work>(holder);
    lock->exec_params("SELECT pg_advisory_xact_lock($1::bigint)", hub::Migrator::lockKey);

    QProcess hubs[2];
    std::unique_ptr<QSignalSpy> finished[2];
    for (int i = 0; i < 2; ++i) {
        hubs[i].setProcessEnvironment(hubtest::hubEnvironment());
        finished[i] = std::make_unique<QSignalSpy>(&hubs[i], &QProcess::finished);
        hubs[i].start(hubtest::hubBinary(),
                      {QStringLiteral("migrate"), QStringLiteral("--database-url"), database.url()});
    }
    QTRY_COMPARE_WITH_TIMEOUT(waitingForMigrationLock(database), qint64(2), 20000);
    QVERIFY(!database.tableExists(QStringLiteral("schema_migrations")));
    lock->commit();
    lock.reset();

    QStringList outputs;
    for (int i = 0; i < 2; ++i) {
        QVERIFY(!finished[i]->isEmpty() || finished[i]->wait(30000));
        const QString err = QString::fromLocal8Bit(hubs[i].readAllStandardError());
        QVERIFY2(hubs[i].exitStatus() == QProcess::NormalExit && hubs[i].exitCode() == 0, qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("already exists")), qPrintable(err));
        outputs << QString::fromLocal8Bit(hubs[i].readAllStandardOutput());
    }
    outputs.sort();
    QVERIFY2(outputs.at(0).startsWith(QStringLiteral("Applied %1 migration(s)").arg(latestVersion())),
             qPrintable(outputs.join(QLatin1Char('|'))));
    QCOMPARE(outputs.at(1), QStringLiteral("The database schema is up to date (version %1).\n").arg(latestVersion()));
    QCOMPARE(database.migrationRows(), latestVersion());
    QCOMPARE(database.schemaVersion(), latestVersion());
}

void TestHubMigrate::failingMigrationChangesNothing_data()
{
    QTest::addColumn<bool>("startMigrated");
    QTest::addRow("from an empty database") << false;
    QTest::addRow("from the latest built-in version") << true;
}

void TestHubMigrate::failingMigrationChangesNothing()
{
    QFETCH(bool, startMigrated);
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    QTemporaryDir migrations;
    QVERIFY(migrations.isValid());
    QVERIFY(writeBrokenMigrations(migrations.path()));
    const int brokenVersion = latestVersion() + 1;

    if (startMigrated) {
        const HubRun run =
            hubtest::runHub({QStringLiteral("migrate"), QStringLiteral("--database-url"), database.url()});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    }
    const int versionBefore = startMigrated ? latestVersion() : 0;
    const int rowsBefore = startMigrated ? latestVersion() : -1;

    const HubRun migrate = hubtest::runHub({QStringLiteral("migrate"),
                                            QStringLiteral("--database-url"),
                                            database.url(),
                                            QStringLiteral("--migrations-dir"),
                                            migrations.path()});
    QVERIFY2(migrate.finished && migrate.exitStatus == QProcess::NormalExit && migrate.exitCode == 1,
             qPrintable(describe(migrate)));
    const QString expected = QStringLiteral("tunescout-hub: The migration %1_break_things.sql failed, so nothing was "
                                            "changed: the database stays at schema version %2. PostgreSQL said "
                                            "(SQLSTATE 42P01): ")
                                 .arg(brokenVersion, 4, 10, QLatin1Char('0'))
                                 .arg(versionBefore);
    QVERIFY2(migrate.standardError.contains(expected), qPrintable(describe(migrate)));
    QVERIFY2(migrate.standardError.contains(QStringLiteral("no_such_table")), qPrintable(describe(migrate)));
    QVERIFY(!database.tableExists(QStringLiteral("rollback_probes")));
    QCOMPARE(database.tableExists(QStringLiteral("households")), startMigrated);
    QCOMPARE(database.schemaVersion(), versionBefore);
    QCOMPARE(database.migrationRows(), rowsBefore);

    // serve runs the same migration first and refuses to start.
    const HubRun serve = hubtest::runHub({QStringLiteral("serve"),
                                          QStringLiteral("--database-url"),
                                          database.url(),
                                          QStringLiteral("--migrations-dir"),
                                          migrations.path(),
                                          QStringLiteral("--listen"),
                                          QStringLiteral("127.0.0.1:%1").arg(hubtest::freePort())});
    QVERIFY2(serve.finished && serve.exitStatus == QProcess::NormalExit && serve.exitCode == 1,
             qPrintable(describe(serve)));
    QVERIFY2(serve.standardError.contains(expected), qPrintable(describe(serve)));
    QVERIFY2(serve.standardError.contains(QStringLiteral("Not serving")), qPrintable(describe(serve)));
    QVERIFY2(!serve.standardError.contains(QStringLiteral("Listening on")), qPrintable(describe(serve)));
    QVERIFY(!database.tableExists(QStringLiteral("rollback_probes")));
    QCOMPARE(database.schemaVersion(), versionBefore);
    QCOMPARE(database.migrationRows(), rowsBefore);
}

void TestHubMigrate::newerDatabaseIsRefused()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    const HubRun run = hubtest::runHub({QStringLiteral("migrate"), QStringLiteral("--database-url"), database.url()});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const int future = latestVersion() + 1;
    {
        pqxx::work transaction(database.connection());
        transaction.exec_params0("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from_the_future')",
                                 future);
        transaction.commit();
    }
    const QString expected = QStringLiteral("tunescout-hub: The database schema is at version %1, newer than this "
                                            "tunescout-hub knows (up to %2).")
                                 .arg(future)
                                 .arg(latestVersion());
    for (const QString &command : {QStringLiteral("migrate"), QStringLiteral("serve")}) {
        const HubRun refused = hubtest::runHub({command,
                                                QStringLiteral("--database-url"),
                                                database.url(),
                                                QStringLiteral("--listen"),
                                                QStringLiteral("127.0.0.1:%1").arg(hubtest::freePort())});
        QVERIFY2(refused.finished && refused.exitStatus == QProcess::NormalExit && refused.exitCode == 1,
                 qPrintable(describe(refused)));
        QVERIFY2(refused.standardError.contains(expected), qPrintable(describe(refused)));
        QVERIFY2(!refused.standardError.contains(QStringLiteral("Listening on")), qPrintable(describe(refused)));
    }
    QCOMPARE(database.schemaVersion(), future);
    QCOMPARE(database.migrationRows(), latestVersion() + 1);
}

void TestHubMigrate::initialSchemaStoresOnlyTokenHashes()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    const auto migrations = hub::Migrator::load();
    QVERIFY(migrations.ok());
    const auto report = hub::Migrator(migrations.value()).migrate(hub::ConnectionString(database.url()));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));

    const std::string hash(64, 'a');
    auto addDevice = [&](const std::string &tokenSha256) {
        pqxx::work transaction(database.connection());
        const auto household =
            transaction.exec1("INSERT INTO households (name) VALUES ('Home') RETURNING id")[0].as<qint64>();
        const auto member = transaction
                                .exec_params1("INSERT INTO members (household_id, display_name, role) "
                                              "VALUES ($1, 'Ana', 'admin') RETURNING id",
                                              household)[0]
                                .as<qint64>();
        transaction.exec_params0("INSERT INTO devices (member_id, label, token_sha256, expires_at) "
                                 "VALUES ($1, 'laptop', $2, now() + interval '1 year')",
                                 member,
                                 tokenSha256);
        transaction.commit();
    };
    addDevice(hash);
    QCOMPARE(database.scalar("SELECT count(*) FROM devices"), qint64(1));
    QVERIFY_THROWS_EXCEPTION(pqxx::unique_violation, addDevice(hash));
    QVERIFY_THROWS_EXCEPTION(pqxx::check_violation, addDevice("hub_" + std::string(60, 'A')));
    QVERIFY_THROWS_EXCEPTION(pqxx::check_violation, addDevice(std::string(64, 'F')));
    QCOMPARE(database.scalar("SELECT count(*) FROM devices"), qint64(1));
}

void TestHubMigrate::migratorReportsWhatItDid()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    const auto migrations = hub::Migrator::load();
    QVERIFY(migrations.ok());
    const hub::Migrator migrator(migrations.value());

    const auto first = migrator.migrate(hub::ConnectionString(database.url()));
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QCOMPARE(first.value().fromVersion, 0);
    QCOMPARE(first.value().toVersion, latestVersion());
    QCOMPARE(first.value().applied.size(), latestVersion());
    QCOMPARE(first.value().applied.constFirst(), QStringLiteral("0001_create_households.sql"));

    const auto second = migrator.migrate(hub::ConnectionString(database.url()));
    QVERIFY(second.ok());
    QCOMPARE(second.value().fromVersion, latestVersion());
    QCOMPARE(second.value().toVersion, latestVersion());
    QVERIFY(second.value().applied.isEmpty());

    const auto names = database.scalar("SELECT count(*) FROM schema_migrations WHERE version = 1 AND name = "
                                       "'create_households'");
    QCOMPARE(names, qint64(1));

    const QString secret = QStringLiteral("pw-that-must-not-leak");
    const auto unreachable = migrator.migrate(hub::ConnectionString(
        hubtest::urlForDatabase(testsupport::postgresUrl(), database.name() + QStringLiteral("_missing"), secret)));
    QVERIFY(!unreachable.ok());
    QCOMPARE(unreachable.error().code, engine::Error::Code::Unavailable);
    QVERIFY2(unreachable.error().message.startsWith(QStringLiteral("Cannot connect to the database: ")),
             qPrintable(unreachable.error().message));
    QVERIFY(!unreachable.error().message.contains(secret));
}

// 0005 rewrote the CHECK constraints of the synced tables for speed: every edge value is refused or accepted
// as before, with the same error, and a database at version 4 with rows in those tables upgrades.
void TestHubMigrate::syncChecksRefuseTheSameValuesAfter0005()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    QTemporaryDir before;
    QVERIFY(before.isValid());
    const QDir builtIn(hub::Migrator::builtInDirectory());
    for (const QString &file : builtIn.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        if (file.left(4).toInt() < checksRewrittenIn) {
            QVERIFY(QFile::copy(builtIn.filePath(file), QDir(before.path()).filePath(file)));
        }
    }
    const auto oldMigrations = hub::Migrator::load(before.path());
    QVERIFY(oldMigrations.ok());
    const auto old = hub::Migrator(oldMigrations.value()).migrate(hub::ConnectionString(database.url()));
    QVERIFY2(old.ok(), qPrintable(old.ok() ? QString() : old.error().message));
    QCOMPARE(database.schemaVersion(), checksRewrittenIn - 1);

    qint64 memberId = 0;
    {
        pqxx::work transaction(database.connection());
        const auto household =
            transaction.exec1("INSERT INTO households (name) VALUES ('Home') RETURNING id")[0].as<qint64>();
        memberId = transaction
                       .exec_params1("INSERT INTO members (household_id, display_name) VALUES ($1, 'Ana') RETURNING id",
                                     household)[0]
                       .as<qint64>();
        transaction.commit();
    }
    const QStringList outcomesBefore = offerAll(database.connection(), memberId);
    const QList<CheckProbe> probes = checkProbes();
    QCOMPARE(outcomesBefore.size(), probes.size());
    for (qsizetype i = 0; i < probes.size(); ++i) {
        const bool accepted = outcomesBefore.at(i).endsWith(QStringLiteral(": accepted"));
        QVERIFY2(accepted == probes.at(i).accepted, qPrintable(outcomesBefore.at(i)));
    }

    // Rows the upgrade must keep and check again: the accepted probes, for real.
    {
        pqxx::work transaction(database.connection());
        transaction.exec_params0(
            "INSERT INTO plays (member_id, client_id, played_at, track_uri, ms_played, payload, payload_sha256) "
            "SELECT $1, gen_random_uuid(), now(), CASE WHEN i % 2 = 0 THEN $2 END, 1000, '{}', $3 "
            "FROM generate_series(1, 1000) AS i",
            memberId,
            validTrack,
            validHash + " ");
        transaction.exec_params0("INSERT INTO feedback (member_id, client_id, kind, uri, created_at, payload, "
                                 "payload_sha256) VALUES ($1, gen_random_uuid(), 'like', $2, now(), '{}', $4), "
                                 "($1, gen_random_uuid(), 'hide_artist', $3, now(), '{}', $4)",
                                 memberId,
                                 validTrack,
                                 validArtist,
                                 validHash);
        transaction.exec_params0("INSERT INTO library_snapshots (member_id, client_id, taken_at, payload, "
                                 "payload_sha256) VALUES ($1, gen_random_uuid(), now(), '{}', $2)",
                                 memberId,
                                 validHash);
        transaction.commit();
    }

    const auto report = hub::Migrator(hub::Migrator::load().value()).migrate(hub::ConnectionString(database.url()));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
    QCOMPARE(report.value().fromVersion, checksRewrittenIn - 1);
    QVERIFY(report.value().applied.contains(QStringLiteral("0005_simplify_sync_checks.sql")));
    QCOMPARE(database.scalar("SELECT count(*) FROM plays"), qint64(1000));
    QCOMPARE(database.scalar("SELECT count(*) FROM plays WHERE track_uri IS NULL"), qint64(500));
    QCOMPARE(database.scalar("SELECT count(*) FROM feedback"), qint64(2));
    QCOMPARE(database.scalar("SELECT count(*) FROM library_snapshots"), qint64(1));
    QCOMPARE(database.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND NOT convalidated"), qint64(0));
    // The rewritten constraints no longer use the anchored patterns whose cost 0005 removed.
    QCOMPARE(database.scalar("SELECT count(*) FROM pg_constraint WHERE conrelid IN "
                             "('plays'::regclass, 'feedback'::regclass, 'library_snapshots'::regclass) "
                             "AND pg_get_constraintdef(oid) LIKE '%{%}%'"),
             qint64(0));

    const QStringList outcomesAfter = offerAll(database.connection(), memberId);
    QCOMPARE(outcomesAfter, outcomesBefore);
}

QTEST_GUILESS_MAIN(TestHubMigrate)
#include "tst_hubmigrate.moc"
