// The sync ingest benchmark: batches of 500 plays through the hub's Api (parsing, validation and the Store's
// write path, as HttpServer calls it) into a scratch database on the test cluster. Prints items/s for new
// plays and for the same batches sent again (all duplicates) beside the target (50,000 plays/s),
// and the CPU time this process (the hub's side: parsing, validation, libpq) and the database's server processes
// (PostgreSQL's side: the lookup, the insert, its checks and indexes) spent per batch, which other load on the
// machine changes far less than the wall time. Never fails on speed.
// TUNESCOUT_BENCH_HUB_BATCHES sets the number of batches (default 40: 20,000 plays).

#include "hub/api.h"
#include "hub/database.h"
#include "hub/dto.h"
#include "hub/migrator.h"
#include "hub/readiness.h"
#include "hub/store.h"
#include "hub/tokens.h"
#include "tests/bench/support/benchfigures.h"
#include "tests/hub/hubtestsupport.h"
#include "tests/support/testenv.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

#include <ctime>
#include <memory>

#include <pqxx/nontransaction>
#include <pqxx/result>

#include <unistd.h>

namespace
{

constexpr double targetPlaysPerSecond = 50'000;

// CPU time of this process so far, in ms.
double processCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000 + double(now.tv_nsec) / 1e6;
}

// CPU time so far of each server process serving database, in ms, read from /proc: the test cluster runs on this
// machine. Empty when /proc cannot be read.
QHash<qint64, double> serverCpuMs(hubtest::ScratchDatabase &database)
{
    QHash<qint64, double> cpu;
    const double msPerTick = 1000.0 / double(sysconf(_SC_CLK_TCK));
    pqxx::nontransaction transaction(database.connection());
    for (const pqxx::row &row : transaction.exec("SELECT pid FROM pg_stat_activity "
                                                 "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
        const qint64 pid = row[0].as<qint64>();
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly)) {
            return {};
        }
        // utime and stime are fields 14 and 15; the command name before them (field 2) is in parentheses.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 13) {
            return {};
        }
        cpu.insert(pid, (fields.at(11).toDouble() + fields.at(12).toDouble()) * msPerTick);
    }
    return cpu;
}

// The CPU time the server processes spent between two serverCpuMs readings (a process that started in between
// counts from zero), or -1 when either could not be read.
double serverCpuSince(const QHash<qint64, double> &start, const QHash<qint64, double> &end)
{
    if (start.isEmpty() || end.isEmpty()) {
        return -1;
    }
    double total = 0;
    for (auto it = end.cbegin(); it != end.cend(); ++it) {
        total += it.value() - start.value(it.key(), 0);
    }
    return total;
}

QByteArray batchBody(int batch)
{
    QJsonArray items;
    for (int i = 0; i < hub::maxSyncItems; ++i) {
        const qint64 playedAtMs = 1700000000000 + (qint64(batch) * hub::maxSyncItems + i) * 1000;
        items.append(QJsonObject{
            {QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {QStringLiteral("kind"), QStringLiteral("play")},
            {QStringLiteral("payload"),
             QJsonObject{{QStringLiteral("track_name"), QStringLiteral("Song %1").arg(i)},
                         {QStringLiteral("track_uri"), QStringLiteral("spotify:track:4uLU6hMCjMI75M1A2tKUQC")},
                         {QStringLiteral("played_at_ms"), playedAtMs},
                         {QStringLiteral("ms_played"), 180000},
                         {QStringLiteral("source"), QStringLiteral("polled")}}}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson(QJsonDocument::Compact);
}

} // namespace

class HubSyncBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syncThroughput();
};

void HubSyncBench::syncThroughput()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL (TUNESCOUT_TEST_PG_URL)");
    const int batches = qEnvironmentVariableIsSet("TUNESCOUT_BENCH_HUB_BATCHES")
        ? qEnvironmentVariableIntValue("TUNESCOUT_BENCH_HUB_BATCHES")
        : 40;
    QVERIFY2(batches > 0, "TUNESCOUT_BENCH_HUB_BATCHES must be a positive number");

    hubtest::ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    const engine::Result<engine::MigrationSet> migrations = hub::Migrator::load();
    QVERIFY(migrations);
    const hub::Migrator migrator(migrations.value());
    QVERIFY(migrator.migrate(hub::ConnectionString(database.url())));
    {
        hub::Database pool(hub::ConnectionString(database.url()), 2, &hub::Store::prepare);
        hub::DatabaseReadiness readiness(pool, migrator.latestVersion());
        hub::Store store(pool);
        // No per-token limit: the bench sends as fast as the hub takes batches.
        const hub::Api api(readiness, store, {1e9, 1'000'000'000});

        const qint64 household = store.createHousehold(QStringLiteral("Bench")).id;
        const QString code = hub::newInviteCode();
        store.createInvite(household, hub::sha256Hex(hub::normalizeInviteCode(code).toLatin1()), 10);
        const QByteArray token = hub::newDeviceToken();
        QCOMPARE(store
                     .pair(hub::sha256Hex(hub::normalizeInviteCode(code).toLatin1()),
                           QStringLiteral("Bench"),
                           QStringLiteral("bench"),
                           hub::sha256Hex(token))
                     .failure,
                 hub::PairFailure::None);

        QList<QByteArray> bodies;
        for (int batch = 0; batch < batches; ++batch) {
            bodies.append(batchBody(batch));
        }
        const auto send = [&](const QByteArray &body, const char *expectedStatus) {
            hub::HttpRequest request;
            request.method = QByteArrayLiteral("POST");
            request.path = QByteArrayLiteral("/api/v1/sync");
            request.body = body;
            request.headers.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")});
            request.headers.append({QByteArrayLiteral("authorization"), "Bearer " + token});
            const hub::HttpResponse response = api.handle(request);
            const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
            return response.status == 200 && answer.value(QLatin1String(expectedStatus)).toInt() == hub::maxSyncItems;
        };

        const qint64 items = qint64(batches) * hub::maxSyncItems;
        QElapsedTimer timer;
        timer.start();
        double cpuStart = processCpuMs();
        QHash<qint64, double> serverStart = serverCpuMs(database);
        for (const QByteArray &body : std::as_const(bodies)) {
            QVERIFY(send(body, "created"));
        }
        const double createdSeconds = qMax<qint64>(1, timer.elapsed()) / 1000.0;
        const double createdCpuMs = processCpuMs() - cpuStart;
        const double createdServerCpuMs = serverCpuSince(serverStart, serverCpuMs(database));
        timer.restart();
        cpuStart = processCpuMs();
        serverStart = serverCpuMs(database);
        for (const QByteArray &body : std::as_const(bodies)) {
            QVERIFY(send(body, "duplicate"));
        }
        const double duplicateSeconds = qMax<qint64>(1, timer.elapsed()) / 1000.0;
        const double duplicateCpuMs = processCpuMs() - cpuStart;
        const double duplicateServerCpuMs = serverCpuSince(serverStart, serverCpuMs(database));
        QCOMPARE(database.scalar("SELECT count(*) FROM plays"), items);

        const auto report = [&](const char *what, double seconds, double cpuMs, double serverCpuMs) {
            qInfo().noquote() << QStringLiteral("hub sync, %1 %2 items/s (%3 ms per %4-item batch; CPU %5 ms on the "
                                                "hub's side, %6 ms on PostgreSQL's; target %7 items/s)")
                                     .arg(QLatin1String(what))
                                     .arg(items / seconds, 0, 'f', 0)
                                     .arg(seconds * 1000 / batches, 0, 'f', 1)
                                     .arg(hub::maxSyncItems)
                                     .arg(cpuMs / batches, 0, 'f', 1)
                                     .arg(serverCpuMs < 0 ? QStringLiteral("unknown")
                                                          : QString::number(serverCpuMs / batches, 'f', 1))
                                     .arg(targetPlaysPerSecond, 0, 'f', 0);
        };
        report("new plays:      ", createdSeconds, createdCpuMs, createdServerCpuMs);
        report("duplicate plays:", duplicateSeconds, duplicateCpuMs, duplicateServerCpuMs);
        qInfo().noquote() << QStringLiteral("resident memory: %1 MB").arg(bench::memoryMb(0, "VmRSS:"), 0, 'f', 0);
    }
}

QTEST_GUILESS_MAIN(HubSyncBench)
#include "tst_hubsync_bench.moc"
