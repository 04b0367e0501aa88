// The hub client against the real hub over loopback (tests/hubclient/hubclienttestsupport.h): pairing with an
// invite made through the hub's own code, uploads in batches that delete exactly what the hub acknowledged,
// resends answered as duplicates, conflicts kept and stepped over, a batch refused for one bad event split
// around it, a revoked device, the plain-HTTP rule and trust on first use of a self-signed certificate behind TLS;
// UP-4's circuit breaker and retry budget with the fault proxy between the client and the hub.

#include "engine/hubclient/hubclient.h"
#include "engine/spotify/secretstore.h"
#include "engine/store/outboxrepository.h"
#include "tests/hubclient/hubclienttestsupport.h"
#include "tests/support/faultproxy/faultproxy.h"
#include "tests/support/testenv.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace engine;
using hubclienttest::LoopbackHub;
using testsupport::FaultProxy;

namespace
{

QJsonObject playPayload(int n)
{
    const QString id = QStringLiteral("%1").arg(n, 22, 10, QLatin1Char('0'));
    QJsonArray artists;
    artists.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Artist %1").arg(n % 7)}});
    return QJsonObject{{QStringLiteral("track_uri"), QString(QStringLiteral("spotify:track:") + id)},
                       {QStringLiteral("track_name"), QStringLiteral("Track %1").arg(n)},
                       {QStringLiteral("duration_ms"), 200000},
                       {QStringLiteral("artists"), artists},
                       {QStringLiteral("played_at_ms"), QJsonValue(qint64(1700000000000) + qint64(n) * 60000)},
                       {QStringLiteral("source"), QStringLiteral("polled")}};
}

// A client's data folder with its cache, a keychain for the session and a HubClient that runs store work
// at once (as the CLI does).
struct Client {
    Client()
    {
        Store::Outcome opened = Store::open(dir.path());
        store = std::move(opened.store);
        restart(options(), &network);
    }

    // A new HubClient on the same cache and keychain, as after a restart of the app.
    void restart(const HubClient::Options &with, QNetworkAccessManager *over)
    {
        client = std::make_unique<HubClient>(
            [this](std::function<void(Store &)> work, std::function<void()> then) {
                work(*store);
                QTimer::singleShot(0, &network, std::move(then));
            },
            &secrets,
            over,
            with);
    }

    static HubClient::Options options()
    {
        HubClient::Options o;
        o.backoffBase = std::chrono::milliseconds(10);
        o.backoffCap = std::chrono::milliseconds(50);
        o.maxAttempts = 3;
        return o;
    }

    // For UP-4's tests behind the fault proxy's black hole: enough tries that the breaker or the budget, not
    // maxAttempts, stops an upload, and a short transfer timeout.
    static HubClient::Options faultOptions()
    {
        HubClient::Options o = options();
        o.maxAttempts = 10;
        o.transferTimeout = std::chrono::milliseconds(300);
        return o;
    }

    QStringList enqueue(int count, int first = 0)
    {
        auto outbox = OutboxRepository::create(store->database());
        QStringList ids;
        for (int i = 0; i < count; ++i) {
            ids.append(outbox.value().enqueue(OutboxKind::Play, playPayload(first + i)).value());
        }
        return ids;
    }

    qint64 waiting()
    {
        return OutboxRepository::create(store->database()).value().pendingCount().value();
    }

    HubLedger ledger()
    {
        return HubLedger::create(*store).value();
    }

    HubPairOutcome pair(const QString &url, const QString &code, const QString &trusted = {}, bool insecure = false)
    {
        std::optional<HubPairOutcome> outcome;
        client->pair(HubPairRequest{url, code, QStringLiteral("Alex"), QStringLiteral("laptop"), insecure, trusted},
                     [&outcome](const HubPairOutcome &o) {
                         outcome = o;
                     });
        if (!QTest::qWaitFor(
                [&outcome] {
                    return outcome.has_value();
                },
                30000)) {
            return HubPairOutcome{HubPairOutcome::Status::Failed, {}, {}, QStringLiteral("no answer in 30 s")};
        }
        return *outcome;
    }

    HubReadReply get(const QString &path, const QUrlQuery &query = {})
    {
        std::optional<HubReadReply> reply;
        client->get(path, query, [&reply](const HubReadReply &r) {
            reply = r;
        });
        if (!QTest::qWaitFor(
                [&reply] {
                    return reply.has_value();
                },
                60000)) {
            HubReadReply none;
            none.message = QStringLiteral("no answer in 60 s");
            return none;
        }
        return *reply;
    }

    HubUploadReport upload()
    {
        std::optional<HubUploadReport> report;
        client->uploadOutbox([&report](const HubUploadReport &r) {
            report = r;
        });
        if (!QTest::qWaitFor(
                [&report] {
                    return report.has_value();
                },
                60000)) {
            HubUploadReport none;
            none.message = QStringLiteral("no answer in 60 s");
            return none;
        }
        return *report;
    }

    QByteArray token()
    {
        QByteArray token;
        bool answered = false;
        secrets.read(QString::fromLatin1(HubClient::TokenKey), [&](const SecretStore::Answer &answer) {
            token = answer.secret;
            answered = true;
        });
        return QTest::qWaitFor([&answered] {
            return answered;
        })
            ? token
            : QByteArray();
    }

    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    MemorySecretStore secrets;
    QNetworkAccessManager network;
    std::unique_ptr<HubClient> client;
};

QJsonArray itemsOf(const QList<OutboxEvent> &events)
{
    QJsonArray items;
    for (const OutboxEvent &event : events) {
        items.append(QJsonObject{{QStringLiteral("id"), event.eventId},
                                 {QStringLiteral("kind"), outboxKindName(event.kind)},
                                 {QStringLiteral("payload"), event.payload}});
    }
    return items;
}

} // namespace

class TestHubClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pairsAndUploadsInBatches();
    void resendAfterLostAnswerIsAcknowledgedAsDuplicate();
    void conflictIsKeptAndSteppedOver();
    void batchRefusedForOneEventIsSplitAroundIt();
    void revokedDeviceKeepsEverything();
    void rateLimitIsWaitedOut();
    void unreachableHubBacksOffAndKeepsEverything();
    void plainHttpOnlyToLoopbackUnlessAllowed();
    void selfSignedHubIsTrustedOnFirstUseAndPinned();
    void wholeCertificatePinMovesToThePublicKey();
    void readsTheHouseholdWithTheDeviceToken();
    void readsWaitOutRateLimitsAndStopOnRevocation();
    void circuitOpensAfterFiveFailuresAndItsProbeDrainsTheOutbox();
    void retryBudgetCapsRetriesInAFaultStorm();
};

#define REQUIRE_HUB(loopback)                                                                                          \
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");                                    \
    VERIFY_IN_PROCESS_HUB((loopback).hub);                                                                             \
    QVERIFY((loopback).isReady())

void TestHubClient::pairsAndUploadsInBatches()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    const qint64 household = loopback.hub.createHousehold(QStringLiteral("The Smiths"));
    Client client;
    QVERIFY(client.store);

    const HubPairOutcome paired = client.pair(loopback.url(), loopback.hub.invite(household));
    QVERIFY2(paired.status == HubPairOutcome::Status::Paired, qPrintable(paired.message));
    QVERIFY(client.token().startsWith("hub_"));
    const auto saved = client.ledger().pairing();
    QVERIFY(saved && saved.value());
    QCOMPARE(saved.value()->url.toString(), loopback.url());
    QCOMPARE(saved.value()->memberName, QStringLiteral("Alex"));
    QCOMPARE(saved.value()->householdId, household);
    QVERIFY(saved.value()->fingerprint.isEmpty());
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM devices WHERE label = 'laptop'"), 1);

    client.enqueue(1234);
    const HubUploadReport report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.acknowledged, 1234);
    QCOMPARE(report.batches, 3); // 500 + 500 + 234
    QCOMPARE(report.refused, 0);
    QCOMPARE(client.waiting(), 0);
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 1234);
    const auto state = client.ledger().uploadState();
    QVERIFY(state);
    QVERIFY(state.value().lastUploadAtMs.has_value());
    QVERIFY(state.value().lastError.isEmpty());
    QCOMPARE(state.value().waiting, 0);
}

void TestHubClient::resendAfterLostAnswerIsAcknowledgedAsDuplicate()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    Client client;
    QVERIFY(client.pair(loopback.url(), loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H")))).status
            == HubPairOutcome::Status::Paired);
    client.enqueue(300);
    // The hub stored the batch but its answer never arrived: the events are still in the outbox.
    const auto events = OutboxRepository::create(client.store->database()).value().pending(500).value();
    const hubtest::Answer stored = loopback.hub.sync(client.token(), itemsOf(events));
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.json.value(QStringLiteral("created")).toInt(), 300);
    QCOMPARE(client.waiting(), 300);

    const HubUploadReport report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.acknowledged, 300);
    QCOMPARE(client.waiting(), 0);
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 300);
}

void TestHubClient::conflictIsKeptAndSteppedOver()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    Client client;
    QVERIFY(client.pair(loopback.url(), loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H")))).status
            == HubPairOutcome::Status::Paired);
    const QStringList ids = client.enqueue(3);
    // The second id already stored with another payload (a bug elsewhere, or a restored old cache).
    QJsonArray other{QJsonObject{{QStringLiteral("id"), ids.at(1)},
                                 {QStringLiteral("kind"), QStringLiteral("play")},
                                 {QStringLiteral("payload"), playPayload(99)}}};
    QCOMPARE(loopback.hub.sync(client.token(), other).status, 200);

    HubUploadReport report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.acknowledged, 2);
    QCOMPARE(report.refused, 1);
    QCOMPARE(client.waiting(), 1); // kept, not silently deleted
    auto state = client.ledger().uploadState();
    QVERIFY(state);
    QCOMPARE(state.value().rejected.keys(), QStringList{ids.at(1)});
    QVERIFY(state.value().rejected.value(ids.at(1)).startsWith(QLatin1String("conflict")));
    QCOMPARE(state.value().waiting, 0);

    client.enqueue(2, 10);
    report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.acknowledged, 2);
    QCOMPARE(report.refused, 0); // the refused event was not sent again
    QCOMPARE(client.waiting(), 1);
}

void TestHubClient::batchRefusedForOneEventIsSplitAroundIt()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    Client client;
    QVERIFY(client.pair(loopback.url(), loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H")))).status
            == HubPairOutcome::Status::Paired);
    client.enqueue(300);
    // A payload nested deeper than the hub's JSON depth limit (HB-6): the hub answers 400 json_too_deep for
    // whatever batch carries it, not an item answer.
    QJsonObject deep{{QStringLiteral("leaf"), 1}};
    for (int level = 0; level < 20; ++level) {
        deep = QJsonObject{{QStringLiteral("nested"), deep}};
    }
    const QString bad =
        OutboxRepository::create(client.store->database()).value().enqueue(OutboxKind::Play, deep).value();
    client.enqueue(300, 300);

    HubUploadReport report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.acknowledged, 600);
    QCOMPARE(report.refused, 1);
    // Halving finds the event in about log2(500) steps, and the events after it go in full batches again.
    QVERIFY2(report.batches <= 12, qPrintable(QString::number(report.batches)));
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 600);
    QCOMPARE(client.waiting(), 1);
    auto state = client.ledger().uploadState();
    QVERIFY(state);
    QCOMPARE(state.value().rejected.keys(), QStringList{bad});
    const QString words = state.value().rejected.value(bad);
    QVERIFY2(words.startsWith(QLatin1String("invalid: ")), qPrintable(words));
    QVERIFY2(words.contains(QLatin1String("json_too_deep")), qPrintable(words));
    QVERIFY(words.contains(QLatin1String("deeper than 16 levels")));
    QCOMPARE(state.value().waiting, 0);
    QVERIFY(state.value().lastError.isEmpty());

    // The next sync sends nothing: the refused event is stepped over, not tried again.
    const auto attemptsOf = [&client, &bad] {
        const auto events = OutboxRepository::create(client.store->database()).value().pending(10).value();
        return events.size() == 1 && events.first().eventId == bad ? events.first().attempts : -1;
    };
    const int attempts = attemptsOf();
    QVERIFY(attempts > 0);
    report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.batches, 0);
    QCOMPARE(report.acknowledged, 0);
    QCOMPARE(report.refused, 0);
    QCOMPARE(attemptsOf(), attempts);
    QCOMPARE(client.ledger().uploadState().value().rejected.keys(), QStringList{bad});
}

void TestHubClient::revokedDeviceKeepsEverything()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    Client client;
    const HubPairOutcome paired =
        client.pair(loopback.url(), loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H"))));
    QVERIFY(paired.status == HubPairOutcome::Status::Paired);
    client.enqueue(10);
    loopback.hub.store->revokeDevice(paired.pairing.deviceId);

    const HubUploadReport report = client.upload();
    QVERIFY(report.outcome == HubUploadReport::Outcome::Revoked);
    QVERIFY2(report.message.contains(QLatin1String("revoked")), qPrintable(report.message));
    QVERIFY(report.message.contains(QLatin1String("pair again")));
    QCOMPARE(report.acknowledged, 0);
    QCOMPARE(client.waiting(), 10);
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 0);
    const auto saved = client.ledger().pairing();
    QVERIFY(saved && saved.value() && saved.value()->revoked);
    // Later uploads do not knock again with a token the hub has refused.
    QVERIFY(client.upload().outcome == HubUploadReport::Outcome::Revoked);
}

void TestHubClient::rateLimitIsWaitedOut()
{
    // Two requests a second per device token, bursts of two: pairing's answer and an upload of three single-event
    // batches cannot all pass at once.
    LoopbackHub loopback(hub::TokenBucketLimiter::Limits{2, 2});
    REQUIRE_HUB(loopback);
    Client client;
    QVERIFY(client.pair(loopback.url(), loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H")))).status
            == HubPairOutcome::Status::Paired);
    HubClient::Options options = Client::options();
    options.batchItems = 1;
    client.restart(options, &client.network);
    client.enqueue(5);

    const HubUploadReport report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.acknowledged, 5);
    QCOMPARE(report.batches, 5);
    QCOMPARE(client.waiting(), 0);
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 5);
    // The hub did answer 429 on the way, and each was waited out (Retry-After) and sent again.
    hub::HttpRequest metrics;
    metrics.method = QByteArrayLiteral("GET");
    metrics.path = QByteArrayLiteral("/metrics");
    const QByteArray text = loopback.api().handle(metrics).body;
    QVERIFY2(text.contains("route=\"POST /api/v1/sync\",status=\"429\""), text.constData());
}

void TestHubClient::unreachableHubBacksOffAndKeepsEverything()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    QTemporaryDir certificates;
    const hubclienttest::SelfSigned certificate =
        hubclienttest::makeSelfSigned(certificates.path(), QStringLiteral("hub"));
    QVERIFY2(certificate.error.isEmpty(), qPrintable(certificate.error));
    hubclienttest::TlsTerminator tls(certificate, loopback.port());
    QVERIFY2(tls.listen(), qPrintable(tls.errorString()));
    Client client;
    const QString url = QStringLiteral("https://127.0.0.1:%1").arg(tls.port());
    const HubPairOutcome paired = client.pair(url,
                                              loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H"))),
                                              certificate.fingerprint);
    QVERIFY2(paired.status == HubPairOutcome::Status::Paired, qPrintable(paired.message));
    client.enqueue(7);
    tls.close(); // the hub's host is down: connections are refused

    const HubUploadReport report = client.upload();
    QVERIFY(report.outcome == HubUploadReport::Outcome::Failed);
    QVERIFY2(report.message.startsWith(QLatin1String("Could not reach the hub at ") + url), qPrintable(report.message));
    QCOMPARE(report.acknowledged, 0);
    QCOMPARE(client.waiting(), 7);
    // Each try counted on the events (Client::options: 3 tries).
    const auto events = OutboxRepository::create(client.store->database()).value().pending(10).value();
    QCOMPARE(events.first().attempts, 3);
    QCOMPARE(client.ledger().uploadState().value().lastError, report.message);
}

void TestHubClient::plainHttpOnlyToLoopbackUnlessAllowed()
{
    Client client;
    const HubPairOutcome refused = client.pair(QStringLiteral("http://192.0.2.10:8787"), QStringLiteral("7KQ2M-X9D4R"));
    QVERIFY(refused.status == HubPairOutcome::Status::Failed);
    QVERIFY2(refused.message.contains(QLatin1String("plain http://")), qPrintable(refused.message));
    QVERIFY(refused.message.contains(QLatin1String("192.0.2.10")));
    QVERIFY(refused.message.contains(QLatin1String("--allow-insecure-http")));
    QVERIFY(!client.ledger().pairing().value().has_value());

    QVERIFY(!checkHubUrl(QStringLiteral("http://hub.home.arpa"), false));
    QVERIFY(checkHubUrl(QStringLiteral("http://hub.home.arpa"), true));
    QVERIFY(checkHubUrl(QStringLiteral("http://127.0.0.1:8787"), false));
    QVERIFY(checkHubUrl(QStringLiteral("http://localhost:8787/"), false));
    QVERIFY(checkHubUrl(QStringLiteral("http://[::1]:8787"), false));
    QVERIFY(checkHubUrl(QStringLiteral("https://hub.home.arpa"), false));
    QVERIFY(!checkHubUrl(QStringLiteral("ftp://hub.home.arpa"), true));
    QStringList pairs(32, QStringLiteral("00"));
    pairs.first() = QStringLiteral("AB");
    QCOMPARE(normalizeFingerprint(QStringLiteral(" ab") + QString(62, u'0')), pairs.join(u':'));
    // As sha256sum prints it at the end of the openssl pipe the READMEs show.
    QCOMPARE(normalizeFingerprint(QStringLiteral("ab") + QString(62, u'0') + QStringLiteral("  -\n")),
             pairs.join(u':'));
    QVERIFY(normalizeFingerprint(QStringLiteral("AB:CD")).isEmpty());
}

void TestHubClient::selfSignedHubIsTrustedOnFirstUseAndPinned()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    QTemporaryDir certificates;
    const hubclienttest::SelfSigned first = hubclienttest::makeSelfSigned(certificates.path(), QStringLiteral("hub1"));
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    const hubclienttest::SelfSigned second = hubclienttest::makeSelfSigned(certificates.path(), QStringLiteral("hub2"));
    QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
    QVERIFY(first.fingerprint != second.fingerprint);
    // The same key in a renewed certificate: another certificate, the same public key.
    const hubclienttest::SelfSigned renewed =
        hubclienttest::makeSelfSigned(certificates.path(), QStringLiteral("hub1-renewed"), first.keyPath);
    QVERIFY2(renewed.error.isEmpty(), qPrintable(renewed.error));
    QCOMPARE(renewed.fingerprint, first.fingerprint);
    QVERIFY(renewed.certificateFingerprint != first.certificateFingerprint);

    auto tls = std::make_unique<hubclienttest::TlsTerminator>(first, loopback.port());
    QVERIFY2(tls->listen(), qPrintable(tls->errorString()));
    const quint16 port = tls->port();
    const QString url = QStringLiteral("https://127.0.0.1:%1").arg(port);
    const QString code = loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H")));

    Client client;
    // First contact: nothing is sent; the user sees the fingerprint.
    const HubPairOutcome asked = client.pair(url, code);
    QVERIFY2(asked.status == HubPairOutcome::Status::NeedsTrust, qPrintable(asked.message));
    QCOMPARE(asked.fingerprint, first.fingerprint);
    QVERIFY(asked.message.contains(first.fingerprint));
    QVERIFY(asked.message.contains(QLatin1String("public key")));
    QVERIFY(!client.ledger().pairing().value().has_value());
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM devices"), 0);

    // Confirming another fingerprint does not pair either.
    const HubPairOutcome wrong = client.pair(url, code, second.fingerprint);
    QVERIFY(wrong.status == HubPairOutcome::Status::NeedsTrust);
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM devices"), 0);

    // Confirmed (typed in lower case without colons, as people copy it): paired and pinned.
    const HubPairOutcome paired = client.pair(url, code, first.fingerprint.toLower().remove(u':'));
    QVERIFY2(paired.status == HubPairOutcome::Status::Paired, qPrintable(paired.message));
    QCOMPARE(client.ledger().pairing().value()->fingerprint, first.fingerprint);
    client.enqueue(5);
    HubUploadReport report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.acknowledged, 5);

    // The hub's certificate is renewed for the same key: still trusted, nothing to confirm again.
    tls->close();
    tls = std::make_unique<hubclienttest::TlsTerminator>(renewed, loopback.port());
    QVERIFY2(tls->listen(port), qPrintable(tls->errorString()));
    client.enqueue(3, 50);
    client.restart(Client::options(), new QNetworkAccessManager(&client.network));
    report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.acknowledged, 3);
    QCOMPARE(client.ledger().pairing().value()->fingerprint, first.fingerprint);

    // The hub at the same address now presents a certificate for another key.
    tls->close();
    tls = std::make_unique<hubclienttest::TlsTerminator>(second, loopback.port());
    QVERIFY2(tls->listen(port), qPrintable(tls->errorString()));
    client.enqueue(4, 100);
    // A fresh network access manager: no connection kept from before.
    client.restart(Client::options(), new QNetworkAccessManager(&client.network));
    report = client.upload();
    QVERIFY(report.outcome == HubUploadReport::Outcome::Failed);
    QVERIFY2(report.message.contains(first.fingerprint), qPrintable(report.message));
    QVERIFY(report.message.contains(second.fingerprint));
    QVERIFY(report.message.contains(QLatin1String("unpair")));
    QCOMPARE(report.acknowledged, 0);
    QCOMPARE(client.waiting(), 4);
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 8);
    QCOMPARE(client.ledger().uploadState().value().lastError, report.message);
}

void TestHubClient::wholeCertificatePinMovesToThePublicKey()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    QTemporaryDir certificates;
    const hubclienttest::SelfSigned original =
        hubclienttest::makeSelfSigned(certificates.path(), QStringLiteral("hub"));
    QVERIFY2(original.error.isEmpty(), qPrintable(original.error));
    const hubclienttest::SelfSigned renewed =
        hubclienttest::makeSelfSigned(certificates.path(), QStringLiteral("hub-renewed"), original.keyPath);
    QVERIFY2(renewed.error.isEmpty(), qPrintable(renewed.error));
    auto tls = std::make_unique<hubclienttest::TlsTerminator>(original, loopback.port());
    QVERIFY2(tls->listen(), qPrintable(tls->errorString()));
    const quint16 port = tls->port();
    const auto serve = [&](const hubclienttest::SelfSigned &certificate) {
        tls->close();
        tls = std::make_unique<hubclienttest::TlsTerminator>(certificate, loopback.port());
        return tls->listen(port);
    };
    Client client;
    const auto freshConnections = [&client] {
        client.restart(Client::options(), new QNetworkAccessManager(&client.network));
    };

    // For the transition, the whole certificate's fingerprint (as openssl x509 -fingerprint prints it) is
    // accepted at pairing too; the public key's is pinned.
    const HubPairOutcome paired = client.pair(QStringLiteral("https://127.0.0.1:%1").arg(port),
                                              loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H"))),
                                              original.certificateFingerprint);
    QVERIFY2(paired.status == HubPairOutcome::Status::Paired, qPrintable(paired.message));
    QCOMPARE(client.ledger().pairing().value()->fingerprint, original.fingerprint);

    // A cache of an earlier version pinned the whole certificate. It stands for that very certificate only:
    // a renewed one could be anybody's, so it is refused naming both fingerprints.
    QVERIFY(client.ledger().setFingerprint(original.certificateFingerprint));
    QVERIFY2(serve(renewed), qPrintable(tls->errorString()));
    freshConnections();
    client.enqueue(2);
    HubUploadReport report = client.upload();
    QVERIFY(report.outcome == HubUploadReport::Outcome::Failed);
    QVERIFY2(report.message.contains(original.certificateFingerprint), qPrintable(report.message));
    QVERIFY(report.message.contains(renewed.fingerprint));
    QCOMPARE(client.ledger().pairing().value()->fingerprint, original.certificateFingerprint);

    // The pinned certificate itself: accepted, and the pin moves to its public key.
    QVERIFY2(serve(original), qPrintable(tls->errorString()));
    freshConnections();
    report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.acknowledged, 2);
    QCOMPARE(client.ledger().pairing().value()->fingerprint, original.fingerprint);

    // From then on the renewed certificate is trusted.
    QVERIFY2(serve(renewed), qPrintable(tls->errorString()));
    freshConnections();
    client.enqueue(1, 10);
    report = client.upload();
    QVERIFY2(report.outcome == HubUploadReport::Outcome::Uploaded, qPrintable(report.message));
    QCOMPARE(report.acknowledged, 1);

    // Reads move an old pin the same way.
    QVERIFY(client.ledger().setFingerprint(renewed.certificateFingerprint));
    freshConnections();
    const HubReadReply read = client.get(QStringLiteral("/api/v1/household"));
    QVERIFY2(read.outcome == HubReadReply::Outcome::Ok, qPrintable(read.message));
    QTRY_COMPARE(client.ledger().pairing().value()->fingerprint, renewed.fingerprint);
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 3);
}

void TestHubClient::readsTheHouseholdWithTheDeviceToken()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    Client client;
    QCOMPARE(client.get(QStringLiteral("/api/v1/household")).outcome, HubReadReply::Outcome::NotPaired);

    const qint64 household = loopback.hub.createHousehold(QStringLiteral("H"));
    QVERIFY(client.pair(loopback.url(), loopback.hub.invite(household)).status == HubPairOutcome::Status::Paired);
    loopback.hub.member(household, QStringLiteral("Ana"));
    client.enqueue(12);
    QVERIFY(client.upload().outcome == HubUploadReport::Outcome::Uploaded);

    const HubReadReply members = client.get(QStringLiteral("/api/v1/household"));
    QVERIFY2(members.outcome == HubReadReply::Outcome::Ok, qPrintable(members.message));
    QCOMPARE(members.httpStatus, 200);
    QCOMPARE(members.json.value(QStringLiteral("id")).toInteger(), household);
    QStringList names;
    for (const QJsonValue &member : members.json.value(QStringLiteral("members")).toArray()) {
        names.append(member.toObject().value(QStringLiteral("display_name")).toString());
    }
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("Alex"), QStringLiteral("Ana")}));

    // The query reaches the hub: limit=2 of the twelve plays' seven artists.
    const HubReadReply top = client.get(
        QStringLiteral("/api/v1/household/top"),
        QUrlQuery{{QStringLiteral("range"), QStringLiteral("all")}, {QStringLiteral("limit"), QStringLiteral("2")}});
    QVERIFY2(top.outcome == HubReadReply::Outcome::Ok, qPrintable(top.message));
    QCOMPARE(top.json.value(QStringLiteral("artists")).toArray().size(), 2);

    // A refusal names the hub's problem: no home location was set for concerts, an invalid limit.
    const HubReadReply concerts = client.get(QStringLiteral("/api/v1/concerts"));
    QVERIFY(concerts.outcome == HubReadReply::Outcome::Failed);
    QCOMPARE(concerts.httpStatus, 409);
    QCOMPARE(concerts.problemCode, QStringLiteral("no_home_location"));
    QVERIFY2(concerts.message.contains(QLatin1String("/api/v1/concerts")), qPrintable(concerts.message));
    const HubReadReply invalid =
        client.get(QStringLiteral("/api/v1/household/week"), QUrlQuery{{QStringLiteral("limit"), QStringLiteral("x")}});
    QCOMPARE(invalid.httpStatus, 400);
    QVERIFY(!invalid.problemCode.isEmpty());
    QVERIFY(client.ledger().pairing().value()->revoked == false);
}

void TestHubClient::readsWaitOutRateLimitsAndStopOnRevocation()
{
    LoopbackHub loopback(hub::TokenBucketLimiter::Limits{2, 2});
    REQUIRE_HUB(loopback);
    Client client;
    const HubPairOutcome paired =
        client.pair(loopback.url(), loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H"))));
    QVERIFY(paired.status == HubPairOutcome::Status::Paired);
    for (int i = 0; i < 5; ++i) {
        const HubReadReply reply = client.get(QStringLiteral("/api/v1/household"));
        QVERIFY2(reply.outcome == HubReadReply::Outcome::Ok, qPrintable(reply.message));
    }
    hub::HttpRequest metrics;
    metrics.method = QByteArrayLiteral("GET");
    metrics.path = QByteArrayLiteral("/metrics");
    const QByteArray text = loopback.api().handle(metrics).body;
    QVERIFY2(text.contains("route=\"GET /api/v1/household\",status=\"429\""), text.constData());

    loopback.hub.store->revokeDevice(paired.pairing.deviceId);
    const HubReadReply revoked = client.get(QStringLiteral("/api/v1/household"));
    QVERIFY(revoked.outcome == HubReadReply::Outcome::Revoked);
    QCOMPARE(revoked.httpStatus, 401);
    QVERIFY(revoked.message.contains(QLatin1String("pair again")));
    QVERIFY(client.ledger().pairing().value()->revoked);
    // No second knock with a token the hub refused.
    const HubReadReply again = client.get(QStringLiteral("/api/v1/household"));
    QVERIFY(again.outcome == HubReadReply::Outcome::Revoked);
    QCOMPARE(again.httpStatus, 0);
}

void TestHubClient::circuitOpensAfterFiveFailuresAndItsProbeDrainsTheOutbox()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    FaultProxy proxy(QStringLiteral("127.0.0.1"), loopback.port());
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    Client client;
    const QString url = proxy.url().toString();
    QVERIFY(client.pair(url, loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H")))).status
            == HubPairOutcome::Status::Paired);
    // A short half-open delay (UP-4's 30 s is the default).
    HubClient::Options options = Client::faultOptions();
    options.circuitHalfOpenAfter = std::chrono::seconds(2);
    client.restart(options, &client.network);
    client.enqueue(7);

    // A black hole (Toxiproxy's timeout 0): every try times out on a connection of its own (none is kept from
    // the pairing), so the proxy counts the tries.
    client.network.clearConnectionCache();
    const qint64 acceptedBefore = proxy.connectionsAccepted();
    proxy.stall();
    const HubUploadReport failed = client.upload();
    QVERIFY(failed.outcome == HubUploadReport::Outcome::Failed);
    QVERIFY2(failed.message.contains(QStringLiteral("The hub at %1 failed 5 times in a row").arg(url)),
             qPrintable(failed.message));
    QVERIFY(failed.nextAttemptAt.isValid());
    QCOMPARE(proxy.connectionsAccepted() - acceptedBefore, 5);
    QCOMPARE(hubclienttest::handledRequests(loopback, "POST /api/v1/sync"), 0);
    QCOMPARE(client.waiting(), 7);
    QCOMPARE(client.ledger().uploadState().value().lastError, failed.message);

    // The network is back, but the breaker is open: neither an upload nor a read goes out until the probe.
    proxy.passThrough();
    const HubUploadReport refused = client.upload();
    QVERIFY(refused.outcome == HubUploadReport::Outcome::Failed);
    QVERIFY2(refused.message.contains(QLatin1String("nothing is sent to it until")), qPrintable(refused.message));
    // The same probe (converted to the wall clock anew, hence not to the millisecond).
    QVERIFY(refused.nextAttemptAt.isValid());
    QVERIFY(qAbs(refused.nextAttemptAt.msecsTo(failed.nextAttemptAt)) < 1000);
    const HubReadReply read = client.get(QStringLiteral("/api/v1/household"));
    QVERIFY(read.outcome == HubReadReply::Outcome::Failed);
    QCOMPARE(read.httpStatus, 0);
    QVERIFY2(read.message.contains(QLatin1String("nothing is sent to it until")), qPrintable(read.message));
    QCOMPARE(proxy.connectionsAccepted() - acceptedBefore, 5);
    QCOMPARE(hubclienttest::handledRequests(loopback, "POST /api/v1/sync"), 0);
    QCOMPARE(hubclienttest::handledRequests(loopback, "GET /api/v1/household"), 0);
    QCOMPARE(client.waiting(), 7);

    // The client's own probe after the half-open delay closes the breaker and drains the outbox: one request
    // with the seven events, each stored once.
    QTRY_COMPARE_WITH_TIMEOUT(client.waiting(), qint64(0), 20000);
    QCOMPARE(hubclienttest::handledRequests(loopback, "POST /api/v1/sync"), 1);
    QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 7);
    QTRY_VERIFY(client.ledger().uploadState().value().lastError.isEmpty());
    const HubReadReply after = client.get(QStringLiteral("/api/v1/household"));
    QVERIFY2(after.outcome == HubReadReply::Outcome::Ok, qPrintable(after.message));
}

void TestHubClient::retryBudgetCapsRetriesInAFaultStorm()
{
    LoopbackHub loopback;
    REQUIRE_HUB(loopback);
    FaultProxy proxy(QStringLiteral("127.0.0.1"), loopback.port());
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    Client client;
    const QString url = proxy.url().toString();
    QVERIFY(client.pair(url, loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H")))).status
            == HubPairOutcome::Status::Paired);
    // A breaker that never opens, so that only the budget limits the tries: 10 tries per upload, but at most
    // 3 retries (the floor; 10% of a handful of requests is less) in the 60 s window.
    HubClient::Options options = Client::faultOptions();
    options.circuitThreshold = 1000;
    options.retryFloor = 3;
    client.restart(options, &client.network);
    client.enqueue(4);

    client.network.clearConnectionCache(); // one connection per try, as above
    const qint64 acceptedBefore = proxy.connectionsAccepted();
    proxy.stall();
    const HubUploadReport first = client.upload();
    QVERIFY(first.outcome == HubUploadReport::Outcome::Failed);
    QVERIFY2(first.message.contains(QStringLiteral("Retries to the hub at %1 are spent for now").arg(url)),
             qPrintable(first.message));
    QVERIFY(first.nextAttemptAt.isValid());
    QCOMPARE(proxy.connectionsAccepted() - acceptedBefore, 4); // the request and its 3 retries
    // The storm goes on: each further upload sends its batch once and fails fast instead of retrying.
    for (int i = 0; i < 3; ++i) {
        const HubUploadReport next = client.upload();
        QVERIFY(next.outcome == HubUploadReport::Outcome::Failed);
        QVERIFY2(next.message.contains(QLatin1String("are spent for now")), qPrintable(next.message));
    }
    // 7 requests where 40 would have gone without the budget; nothing lost, nothing reached the hub.
    QCOMPARE(proxy.connectionsAccepted() - acceptedBefore, 7);
    QCOMPARE(hubclienttest::handledRequests(loopback, "POST /api/v1/sync"), 0);
    QCOMPARE(client.waiting(), 4);
    QVERIFY(client.ledger().uploadState().value().lastError.contains(QLatin1String("are spent for now")));
}

QTEST_GUILESS_MAIN(TestHubClient)

#include "tst_hubclient.moc"
