// HB-5 per device token: the token bucket on its own (times passed in), and T19's burst — 2,000 requests a
// second from one token for 5 s — through the hub's Api on a real PostgreSQL, as HttpServer calls it.

#include "hub/api.h"
#include "hub/database.h"
#include "hub/dto.h"
#include "hub/migrator.h"
#include "hub/ratelimiter.h"
#include "hub/readiness.h"
#include "hub/store.h"
#include "hub/tokens.h"
#include "tests/hub/hubtestsupport.h"
#include "tests/support/testenv.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <thread>

class TestHubRateLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketAllowsBurstThenRate();
    void bucketsAreSeparatePerKey();
    void t19_burstFromOneToken();
};

void TestHubRateLimit::bucketAllowsBurstThenRate()
{
    hub::TokenBucketLimiter limiter({20, 40});
    const qint64 start = 1'000'000;
    for (int i = 0; i < 40; ++i) {
        QCOMPARE(limiter.tryAcquire("a", start), 0);
    }
    QCOMPARE(limiter.tryAcquire("a", start), 1);
    // 20 a second: one token every 50 ms, and none before.
    QCOMPARE(limiter.tryAcquire("a", start + 49), 1);
    QCOMPARE(limiter.tryAcquire("a", start + 50), 0);
    QCOMPARE(limiter.tryAcquire("a", start + 50), 1);
    // A second refills 20, never more than the burst.
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(limiter.tryAcquire("a", start + 1050), 0);
    }
    QCOMPARE(limiter.tryAcquire("a", start + 1050), 1);
    int allowed = 0;
    while (limiter.tryAcquire("a", start + 60'000) == 0) {
        ++allowed;
    }
    QCOMPARE(allowed, 40);

    // A slow rate says how long the wait is.
    hub::TokenBucketLimiter slow({0.25, 1});
    QCOMPARE(slow.tryAcquire("a", start), 0);
    QCOMPARE(slow.tryAcquire("a", start), 4);
    QCOMPARE(slow.tryAcquire("a", start + 3000), 1);
}

void TestHubRateLimit::bucketsAreSeparatePerKey()
{
    hub::TokenBucketLimiter limiter({1, 2});
    QCOMPARE(limiter.tryAcquire("a", 0), 0);
    QCOMPARE(limiter.tryAcquire("a", 0), 0);
    QCOMPARE(limiter.tryAcquire("a", 0), 1);
    QCOMPARE(limiter.tryAcquire("b", 0), 0);
    // Many keys, long after: idle full buckets are forgotten and a key comes back with a full burst.
    for (int i = 0; i < 1000; ++i) {
        QCOMPARE(limiter.tryAcquire(QByteArray::number(i), 10'000 + i), 0);
    }
    QCOMPARE(limiter.tryAcquire("a", 20'000), 0);
    QCOMPARE(limiter.tryAcquire("a", 20'000), 0);
    QCOMPARE(limiter.tryAcquire("a", 20'000), 1);
}

void TestHubRateLimit::t19_burstFromOneToken()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL (TUNESCOUT_TEST_PG_URL)");
    hubtest::ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    const engine::Result<engine::MigrationSet> migrations = hub::Migrator::load();
    QVERIFY(migrations);
    const hub::Migrator migrator(migrations.value());
    QVERIFY(migrator.migrate(hub::ConnectionString(database.url())));

    hub::Database pool(hub::ConnectionString(database.url()), 2, &hub::Store::prepare);
    hub::DatabaseReadiness readiness(pool, migrator.latestVersion());
    hub::Store store(pool);
    const hub::TokenBucketLimiter::Limits limits; // the defaults the hub serves with
    const hub::Api api(readiness, store, limits);

    const qint64 household = store.createHousehold(QStringLiteral("Home")).id;
    const QByteArray codeSha256 = hub::sha256Hex("ABCDEFGHJK");
    store.createInvite(household, codeSha256, 10);
    const QByteArray token = hub::newDeviceToken();
    QCOMPARE(store.pair(codeSha256, QStringLiteral("Alex"), QStringLiteral("laptop"), hub::sha256Hex(token)).failure,
             hub::PairFailure::None);
    const QByteArray otherToken = hub::newDeviceToken();
    const QByteArray otherCode = hub::sha256Hex("MNPQRSTVWX");
    store.createInvite(household, otherCode, 10);
    QCOMPARE(store.pair(otherCode, QStringLiteral("Sam"), QStringLiteral("phone"), hub::sha256Hex(otherToken)).failure,
             hub::PairFailure::None);

    const auto me = [&](const QByteArray &bearer) {
        hub::HttpRequest request;
        request.method = QByteArrayLiteral("GET");
        request.path = QByteArrayLiteral("/api/v1/me");
        request.headers.append({QByteArrayLiteral("authorization"), "Bearer " + bearer});
        return api.handle(request);
    };
    const auto retryAfter = [](const hub::HttpResponse &response) {
        for (const auto &[name, value] : response.headers) {
            if (name.compare("Retry-After", Qt::CaseInsensitive) == 0) {
                return value.toInt();
            }
        }
        return 0;
    };

    // 2,000 requests a second for 5 s, paced by the clock (a request every 0.5 ms, none skipped).
    constexpr int perSecond = 2000;
    constexpr int seconds = 5;
    int ok = 0;
    int limited = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < perSecond * seconds; ++i) {
        const qint64 dueNs = qint64(i) * 1'000'000'000 / perSecond;
        if (const qint64 aheadNs = dueNs - timer.nsecsElapsed(); aheadNs > 0) {
            std::this_thread::sleep_for(std::chrono::nanoseconds(aheadNs));
        }
        const hub::HttpResponse response = me(token);
        if (response.status == 200) {
            ++ok;
            continue;
        }
        QCOMPARE(response.status, 429);
        QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("code")).toString(),
                 QStringLiteral("rate_limited"));
        QVERIFY(retryAfter(response) >= 1);
        ++limited;
    }
    const double elapsedS = double(timer.elapsed()) / 1000;
    qInfo("%d answered, %d refused with 429 in %.1f s", ok, limited, elapsedS);
    // The burst, then the rate: never more, and the flood did not starve the token of its share.
    QVERIFY2(ok <= limits.burst + int(limits.ratePerSecond * elapsedS) + 1, qPrintable(QString::number(ok)));
    QVERIFY2(ok >= limits.burst, qPrintable(QString::number(ok)));
    QCOMPARE(ok + limited, perSecond * seconds);

    // Another device of the household is not affected; the flooding one is served again after Retry-After.
    QCOMPARE(me(otherToken).status, 200);
    // Time passed since the flood and refilled a few tokens: use them up, then wait as told.
    hub::HttpResponse refused = me(token);
    for (int i = 0; refused.status == 200 && i < limits.burst; ++i) {
        refused = me(token);
    }
    QCOMPARE(refused.status, 429);
    std::this_thread::sleep_for(std::chrono::seconds(retryAfter(refused)));
    QCOMPARE(me(token).status, 200);
}

QTEST_GUILESS_MAIN(TestHubRateLimit)
#include "tst_hubratelimit.moc"
