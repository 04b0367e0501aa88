// The sync ingest benchmark: batches of 500 plays through the hub's Api (parsing, validation and the Store's
// write path, as HttpServer calls it) into a scratch database on the test cluster. Prints items/s for new
// plays and for the same batches sent again (all duplicates) beside the target (50,000 plays/s),
// and the CPU time this process (the hub's side: parsing, validation, libpq) spent per batch, which other load on
// the machine changes far less than the wall time; the rest of a batch is PostgreSQL's. Never fails on speed.
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
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

#include <ctime>
#include <memory>

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
        for (const QByteArray &body : std::as_const(bodies)) {
            QVERIFY(send(body, "created"));
        }
        const double createdSeconds = qMax<qint64>(1, timer.elapsed()) / 1000.0;
        const double createdCpuMs = processCpuMs() - cpuStart;
        timer.restart();
        cpuStart = processCpuMs();
        for (const QByteArray &body : std::as_const(bodies)) {
            QVERIFY(send(body, "duplicate"));
        }
        const double duplicateSeconds = qMax<qint64>(1, timer.elapsed()) / 1000.0;
        const double duplicateCpuMs = processCpuMs() - cpuStart;
        QCOMPARE(database.scalar("SELECT count(*) FROM plays"), items);

        const auto report = [&](const char *what, double seconds, double cpuMs) {
            qInfo().noquote() << QStringLiteral("hub sync, %1 %2 items/s (%3 ms per %4-item batch, %5 ms of it CPU "
                                                "on the hub's side; target %6 items/s)")
                                     .arg(QLatin1String(what))
                                     .arg(items / seconds, 0, 'f', 0)
                                     .arg(seconds * 1000 / batches, 0, 'f', 1)
                                     .arg(hub::maxSyncItems)
                                     .arg(cpuMs / batches, 0, 'f', 1)
                                     .arg(targetPlaysPerSecond, 0, 'f', 0);
        };
        report("new plays:      ", createdSeconds, createdCpuMs);
        report("duplicate plays:", duplicateSeconds, duplicateCpuMs);
        qInfo().noquote() << QStringLiteral("resident memory: %1 MB").arg(bench::memoryMb(0, "VmRSS:"), 0, 'f', 0);
    }
}

QTEST_GUILESS_MAIN(HubSyncBench)
#include "tst_hubsync_bench.moc"
