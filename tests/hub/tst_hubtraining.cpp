// Training against a real PostgreSQL and the real tunescout-hub binary: the per-member opt-in, `train` over
// the opted-in members' plays only, one trainer at a time (the advisory lock), and pruning of old versions.

#include "hub/training.h"
#include "tests/hub/inprocesshub.h"
#include "tests/support/testenv.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>
#include <mutex>

#include <pqxx/binarystring>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

using hubtest::Answer;
using hubtest::InProcessHub;

namespace
{

QJsonObject play(const QString &track, qint64 playedAtMs)
{
    return QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                       {QStringLiteral("kind"), QStringLiteral("play")},
                       {QStringLiteral("payload"),
                        QJsonObject{{QStringLiteral("track_name"), track.right(4)},
                                    {QStringLiteral("track_uri"), track},
                                    {QStringLiteral("played_at_ms"), playedAtMs},
                                    {QStringLiteral("source"), QStringLiteral("polled")}}}};
}

// spotify:track: and 22 characters ending in n.
QString track(int n)
{
    return QStringLiteral("spotify:track:") + QStringLiteral("%1").arg(n, 22, 10, QLatin1Char('0'));
}

QByteArray optInBody(bool optIn)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("opt_in"), optIn}}).toJson();
}

hubtest::HubRun train(InProcessHub &hub, const QStringList &extra = {})
{
    return hubtest::runHub(QStringList{QStringLiteral("train"), QStringLiteral("--database-url"), hub.database.url()}
                           + extra);
}

} // namespace

class TestHubTraining : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void optIn();
    void optInRejectsBadBodies_data();
    void optInRejectsBadBodies();
    void trainsOnOptedInMembersOnly();
    void oneTrainerAtATime();
    void twoTrainProcessesAtOnce();
    void keepsTheLastVersions();
    void trainsWithTheConfiguredAlsSettings();
    void scheduleCountsRunsInMetrics();
    void modelDownloadIsVersioned();
    void recommendationsFollowCoListening();
};

void TestHubTraining::init()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
}

void TestHubTraining::optIn()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray token = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alice"));
    QCOMPARE(hub.call("GET", "/api/v1/me/training", token).json.value(QStringLiteral("opt_in")), QJsonValue(false));
    const Answer joined = hub.call("PUT", "/api/v1/me/training", token, optInBody(true));
    QCOMPARE(joined.status, 200);
    QCOMPARE(joined.json.value(QStringLiteral("opt_in")), QJsonValue(true));
    QCOMPARE(hub.call("GET", "/api/v1/me/training", token).json.value(QStringLiteral("opt_in")), QJsonValue(true));
    QCOMPARE(hub.call("PUT", "/api/v1/me/training", token, optInBody(false)).status, 200);
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM members WHERE training_opt_in"), 0);
    QCOMPARE(hub.call("PUT", "/api/v1/me/training", {}, optInBody(true)).status, 401);
}

void TestHubTraining::optInRejectsBadBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addRow("string") << QByteArray("{\"opt_in\":\"yes\"}") << QStringLiteral("invalid_field");
    QTest::addRow("missing") << QByteArray("{}") << QStringLiteral("invalid_field");
    QTest::addRow("unknown") << QByteArray("{\"opt_in\":true,\"all\":1}") << QStringLiteral("unknown_field");
    QTest::addRow("array") << QByteArray("[true]") << QString();
}

void TestHubTraining::optInRejectsBadBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray token = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alice"));
    const Answer answer = hub.call("PUT", "/api/v1/me/training", token, body);
    QCOMPARE(answer.status, 400);
    if (!code.isEmpty()) {
        QCOMPARE(answer.code, code);
    }
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM members WHERE training_opt_in"), 0);
}

void TestHubTraining::trainsOnOptedInMembersOnly()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const qint64 home = hub.createHousehold(QStringLiteral("Home"));
    const QByteArray alice = hub.member(home, QStringLiteral("Alice"));
    const QByteArray bob = hub.member(home, QStringLiteral("Bob"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(hub.sync(alice, {play(track(1), now), play(track(1), now - 1), play(track(2), now)}).status, 200);
    QCOMPARE(hub.sync(bob, {play(track(3), now), play(track(4), now)}).status, 200);

    const hubtest::HubRun none = train(hub);
    QCOMPARE(none.exitCode, 0);
    QVERIFY2(none.standardOutput.contains(QStringLiteral("No model trained")), qPrintable(none.standardOutput));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM models"), 0);

    QCOMPARE(hub.call("PUT", "/api/v1/me/training", alice, optInBody(true)).status, 200);
    const hubtest::HubRun trained = train(hub);
    QCOMPARE(trained.exitCode, 0);
    QVERIFY2(trained.standardOutput.contains(
                 QStringLiteral("Trained model version 1 from 3 plays of 1 members over 2 tracks")),
             qPrintable(trained.standardOutput + trained.standardError));
    // Bob did not opt in: his tracks are not in the model.
    pqxx::nontransaction check(hub.database.connection());
    const pqxx::row model = check.exec1(
        "SELECT array_to_string(item_ids, ' '), dimensions, octet_length(factors), params->>'members' FROM models");
    QCOMPARE(QString::fromUtf8(model[0].c_str()), track(1) + QLatin1Char(' ') + track(2));
    QCOMPARE(model[2].as<int>(), 4 * model[1].as<int>() * 2);
    QCOMPARE(model[3].as<int>(), 1);
}

void TestHubTraining::oneTrainerAtATime()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray alice = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alice"));
    QCOMPARE(hub.sync(alice, {play(track(1), QDateTime::currentMSecsSinceEpoch())}).status, 200);
    QCOMPARE(hub.call("PUT", "/api/v1/me/training", alice, optInBody(true)).status, 200);

    // This session stands for a trainer at work on another hub instance: it holds the lock.
    pqxx::connection other(hub.database.url().toStdString());
    pqxx::nontransaction session(other);
    QVERIFY(session.exec_params1("SELECT pg_try_advisory_lock($1::bigint)", hub::trainingLockKey)[0].as<bool>());
    const hubtest::HubRun refused = train(hub);
    QCOMPARE(refused.exitCode, 0);
    QVERIFY2(refused.standardOutput.contains(QStringLiteral("already running")), qPrintable(refused.standardOutput));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM models"), 0);

    // Released, the next run trains; and its own lock ended with its session, so another run trains too.
    session.exec_params1("SELECT pg_advisory_unlock($1::bigint)", hub::trainingLockKey);
    QVERIFY(train(hub).standardOutput.contains(QStringLiteral("Trained model version 1")));
    QVERIFY(train(hub).standardOutput.contains(QStringLiteral("Trained model version 2")));
}

void TestHubTraining::twoTrainProcessesAtOnce()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray alice = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alice"));
    QCOMPARE(hub.sync(alice, {play(track(1), QDateTime::currentMSecsSinceEpoch())}).status, 200);
    QCOMPARE(hub.call("PUT", "/api/v1/me/training", alice, optInBody(true)).status, 200);

    // The models table is locked, so whichever process wins the training lock stays in its run (at the insert
    // of the model) until the other has had its answer: the two runs overlap on any machine.
    pqxx::connection lockHolder(hub.database.url().toStdString());
    auto modelsLock = std::make_unique<pqxx::work>(lockHolder);
    modelsLock->exec0("LOCK TABLE models IN ACCESS EXCLUSIVE MODE");

    QProcess first;
    QProcess second;
    QSignalSpy firstFinished(&first, &QProcess::finished);
    QSignalSpy secondFinished(&second, &QProcess::finished);
    const QStringList arguments{QStringLiteral("train"), QStringLiteral("--database-url"), hub.database.url()};
    for (QProcess *process : {&first, &second}) {
        process->setProcessEnvironment(hubtest::hubEnvironment());
        process->start(hubtest::hubBinary(), arguments);
    }
    QVERIFY(QTest::qWaitFor(
        [&] {
            return !firstFinished.isEmpty() || !secondFinished.isEmpty();
        },
        30000));
    const bool firstLost = !firstFinished.isEmpty();
    QProcess &loser = firstLost ? first : second;
    QProcess &winner = firstLost ? second : first;
    QSignalSpy &winnerFinished = firstLost ? secondFinished : firstFinished;
    QCOMPARE(loser.exitStatus(), QProcess::NormalExit);
    // Documented: another run in progress is not a failure (exit 0), it is said.
    QCOMPARE(loser.exitCode(), 0);
    QCOMPARE(QString::fromLocal8Bit(loser.readAllStandardOutput()),
             QStringLiteral("Training is already running on another hub instance; nothing to do.\n"));
    QCOMPARE(winner.state(), QProcess::Running);

    modelsLock->abort();
    modelsLock.reset();
    QVERIFY(winnerFinished.wait(30000) || !winnerFinished.isEmpty());
    QCOMPARE(winner.exitCode(), 0);
    const QString trained = QString::fromLocal8Bit(winner.readAllStandardOutput());
    QVERIFY2(trained.startsWith(QStringLiteral("Trained model version 1 ")), qPrintable(trained));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM models"), 1);
}

void TestHubTraining::keepsTheLastVersions()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray alice = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alice"));
    QCOMPARE(hub.sync(alice, {play(track(1), QDateTime::currentMSecsSinceEpoch())}).status, 200);
    QCOMPARE(hub.call("PUT", "/api/v1/me/training", alice, optInBody(true)).status, 200);
    for (int run = 1; run <= 4; ++run) {
        const hubtest::HubRun trained = train(hub, {QStringLiteral("--models-kept"), QStringLiteral("2")});
        QVERIFY2(trained.standardOutput.contains(QStringLiteral("Trained model version %1").arg(run)),
                 qPrintable(trained.standardOutput + trained.standardError));
    }
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM models"), 2);
    QCOMPARE(hub.database.scalar("SELECT min(version) FROM models"), 3);
}

void TestHubTraining::trainsWithTheConfiguredAlsSettings()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray alice = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alice"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(hub.sync(alice, {play(track(1), now), play(track(2), now), play(track(3), now)}).status, 200);
    QCOMPARE(hub.call("PUT", "/api/v1/me/training", alice, optInBody(true)).status, 200);

    const hubtest::HubRun trained = train(hub,
                                          {QStringLiteral("--als-factors"),
                                           QStringLiteral("8"),
                                           QStringLiteral("--als-iterations"),
                                           QStringLiteral("3"),
                                           QStringLiteral("--als-regularization"),
                                           QStringLiteral("0.5"),
                                           QStringLiteral("--als-alpha"),
                                           QStringLiteral("4")});
    QVERIFY2(trained.exitCode == 0, qPrintable(trained.standardOutput + trained.standardError));
    // The model has the factors asked for, and its params record the settings the fold-in will use.
    {
        pqxx::nontransaction check(hub.database.connection());
        const pqxx::row model =
            check.exec1("SELECT dimensions, octet_length(factors), params->>'iterations', "
                        "(params->>'regularization')::float8, (params->>'alpha')::float8 FROM models");
        QCOMPARE(model[0].as<int>(), 8);
        QCOMPARE(model[1].as<int>(), 3 * 8 * 4);
        QCOMPARE(model[2].as<int>(), 3);
        QCOMPARE(model[3].as<double>(), 0.5);
        QCOMPARE(model[4].as<double>(), 4.0);
    }

    // A bad value stops train before it touches the database, naming the setting and where it came from.
    const hubtest::HubRun refused = train(hub, {QStringLiteral("--als-factors"), QStringLiteral("0")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.standardError.contains(QStringLiteral("Invalid als_factors \"0\" from --als-factors")),
             qPrintable(refused.standardError));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM models"), 1);
}

void TestHubTraining::scheduleCountsRunsInMetrics()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const QByteArray alice = hub.member(hub.createHousehold(QStringLiteral("Home")), QStringLiteral("Alice"));
    QCOMPARE(hub.sync(alice, {play(track(1), QDateTime::currentMSecsSinceEpoch())}).status, 200);
    QCOMPARE(hub.call("PUT", "/api/v1/me/training", alice, optInBody(true)).status, 200);

    std::mutex mutex;
    QList<hub::Metrics::TrainingRunIndex> runs;
    const auto report = [&](hub::Metrics::TrainingRunIndex outcome) {
        hub.api->recordTrainingRun(outcome);
        const std::lock_guard lock(mutex);
        runs << outcome;
    };
    const auto runCount = [&] {
        const std::lock_guard lock(mutex);
        return runs.size();
    };
    {
        // A schedule starts with a run, then waits its interval (an hour here: stop() ends the wait).
        hub::TrainingScheduler schedule(hub::ConnectionString(hub.database.url()), 60, 5, report);
        schedule.start();
        QTRY_COMPARE_WITH_TIMEOUT(runCount(), 1, 60000);
        schedule.stop();
    }
    // A second instance's schedule while another trainer holds the lock does nothing.
    pqxx::connection other(hub.database.url().toStdString());
    pqxx::nontransaction session(other);
    QVERIFY(session.exec_params1("SELECT pg_try_advisory_lock($1::bigint)", hub::trainingLockKey)[0].as<bool>());
    {
        hub::TrainingScheduler schedule(hub::ConnectionString(hub.database.url()), 60, 5, report);
        schedule.start();
        QTRY_COMPARE_WITH_TIMEOUT(runCount(), 2, 60000);
    }
    QCOMPARE(
        runs,
        (QList<hub::Metrics::TrainingRunIndex>{hub::Metrics::TrainingTrained, hub::Metrics::TrainingAlreadyRunning}));
    QCOMPARE(hub.database.scalar("SELECT count(*) FROM models"), 1);
    const QByteArray metrics = hub.call("GET", "/metrics").body;
    QVERIFY2(metrics.contains("tunescout_hub_training_runs_total{outcome=\"trained\"} 1\n"), metrics.constData());
    QVERIFY(metrics.contains("tunescout_hub_training_runs_total{outcome=\"already_running\"} 1\n"));
    QVERIFY(metrics.contains("tunescout_hub_training_runs_total{outcome=\"failed\"} 0\n"));
}

void TestHubTraining::modelDownloadIsVersioned()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const qint64 household = hub.createHousehold(QStringLiteral("Home"));
    const QByteArray alice = hub.member(household, QStringLiteral("Alice"));
    QCOMPARE(hub.call("GET", "/api/v1/model", alice).code, QStringLiteral("no_model"));
    QCOMPARE(hub.call("GET", "/api/v1/model/household", alice).code, QStringLiteral("no_model"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(hub.sync(alice, {play(track(1), now), play(track(2), now), play(track(2), now - 1)}).status, 200);
    QCOMPARE(hub.call("PUT", "/api/v1/me/training", alice, optInBody(true)).status, 200);
    QVERIFY(train(hub).standardOutput.contains(QStringLiteral("Trained model version 1")));

    const Answer first = hub.call("GET", "/api/v1/model", alice);
    QCOMPARE(first.status, 200);
    QVERIFY2(QRegularExpression(QStringLiteral("^\"model-1-h[0-9a-f]{16}\"$"))
                 .match(QString::fromLatin1(first.header("ETag")))
                 .hasMatch(),
             first.header("ETag").constData());
    const int dimensions = first.json.value(QStringLiteral("dimensions")).toInt();
    QCOMPARE(first.json.value(QStringLiteral("item_ids")).toArray(), (QJsonArray{track(1), track(2)}));
    const QByteArray factors =
        QByteArray::fromBase64(first.json.value(QStringLiteral("factors")).toString().toLatin1());
    QCOMPARE(factors.size(), 2 * dimensions * 4);
    pqxx::nontransaction check(hub.database.connection());
    const pqxx::binarystring stored(check.exec1("SELECT factors FROM models WHERE version = 1")[0]);
    QCOMPARE(factors, QByteArray(stored.get(), qsizetype(stored.size())));

    const Answer unchanged = hub.call("GET", "/api/v1/model", alice, {}, {}, {{"if-none-match", first.header("ETag")}});
    QCOMPARE(unchanged.status, 304);
    QVERIFY(unchanged.body.isEmpty());
    QCOMPARE(unchanged.header("ETag"), first.header("ETag"));
    // Clients from before household fingerprints send the version alone: still 304 while it is current.
    QCOMPARE(hub.call("GET", "/api/v1/model", alice, {}, {}, {{"if-none-match", "\"model-1\""}}).status, 304);

    // The household's part alone, under the same ETag; the version alone does not name it.
    const Answer household1 = hub.call("GET", "/api/v1/model/household", alice);
    QCOMPARE(household1.status, 200);
    QCOMPARE(household1.header("ETag"), first.header("ETag"));
    QCOMPARE(household1.json.value(QStringLiteral("version")).toInteger(), 1);
    QCOMPARE(household1.json.value(QStringLiteral("household_tracks")),
             first.json.value(QStringLiteral("household_tracks")));
    QVERIFY(!household1.json.contains(QStringLiteral("factors")));
    QCOMPARE(
        hub.call("GET", "/api/v1/model/household", alice, {}, {}, {{"if-none-match", first.header("ETag")}}).status,
        304);
    QCOMPARE(hub.call("GET", "/api/v1/model/household", alice, {}, {}, {{"if-none-match", "\"model-1\""}}).status, 200);

    // Another household's plays leave Alice's answer as it is.
    const QByteArray zed = hub.member(hub.createHousehold(QStringLiteral("Next door")), QStringLiteral("Zed"));
    QCOMPARE(hub.sync(zed, {play(track(2), now)}).status, 200);
    QCOMPARE(hub.call("GET", "/api/v1/model", alice, {}, {}, {{"if-none-match", first.header("ETag")}}).status, 304);

    // Bob joins Alice's household and plays track 2 with its artist: without a new training the answer changes,
    // naming Bob among who plays it and the artist of its latest play.
    const QByteArray bob = hub.member(household, QStringLiteral("Bob"));
    QJsonObject bobsPlay = play(track(2), now + 1);
    QJsonObject payload = bobsPlay.value(QStringLiteral("payload")).toObject();
    payload.insert(
        QStringLiteral("artists"),
        QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")},
                               {QStringLiteral("uri"), QStringLiteral("spotify:artist:0000000000000000000ada")}},
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Bea")}}});
    bobsPlay.insert(QStringLiteral("payload"), payload);
    QCOMPARE(hub.sync(bob, {bobsPlay}).status, 200);
    const Answer fresher = hub.call("GET", "/api/v1/model", alice, {}, {}, {{"if-none-match", first.header("ETag")}});
    QCOMPARE(fresher.status, 200);
    QCOMPARE(fresher.json.value(QStringLiteral("version")).toInteger(), 1);
    QVERIFY(fresher.header("ETag").startsWith("\"model-1-h"));
    QVERIFY(fresher.header("ETag") != first.header("ETag"));
    QJsonObject trackTwo;
    for (const QJsonValue &value : fresher.json.value(QStringLiteral("household_tracks")).toArray()) {
        if (value.toObject().value(QStringLiteral("uri")) == track(2)) {
            trackTwo = value.toObject();
        }
    }
    QCOMPARE(trackTwo.value(QStringLiteral("members")).toArray(),
             (QJsonArray{QStringLiteral("Alice"), QStringLiteral("Bob")}));
    QCOMPARE(trackTwo.value(QStringLiteral("artists")).toArray(), payload.value(QStringLiteral("artists")).toArray());
    QCOMPARE(hub.call("GET", "/api/v1/model", alice, {}, {}, {{"if-none-match", fresher.header("ETag")}}).status, 304);
    // A client whose factors are current asks for the household's part alone: the same tracks and ETag, no
    // factors; the version alone still says the factors are current.
    QCOMPARE(hub.call("GET", "/api/v1/model", alice, {}, {}, {{"if-none-match", "\"model-1\""}}).status, 304);
    const Answer household2 =
        hub.call("GET", "/api/v1/model/household", alice, {}, {}, {{"if-none-match", first.header("ETag")}});
    QCOMPARE(household2.status, 200);
    QCOMPARE(household2.header("ETag"), fresher.header("ETag"));
    QCOMPARE(household2.json.value(QStringLiteral("household_tracks")),
             fresher.json.value(QStringLiteral("household_tracks")));

    QVERIFY(train(hub).standardOutput.contains(QStringLiteral("Trained model version 2")));
    const Answer changed = hub.call("GET", "/api/v1/model", alice, {}, {}, {{"if-none-match", fresher.header("ETag")}});
    QCOMPARE(changed.status, 200);
    QVERIFY(changed.header("ETag").startsWith("\"model-2-h"));
    // A new version changes the household's ETag too: its tracks are the new model's items.
    const Answer household3 =
        hub.call("GET", "/api/v1/model/household", alice, {}, {}, {{"if-none-match", fresher.header("ETag")}});
    QCOMPARE(household3.status, 200);
    QCOMPARE(household3.json.value(QStringLiteral("version")).toInteger(), 2);
    QCOMPARE(household3.header("ETag"), changed.header("ETag"));
    QCOMPARE(hub.call("GET", "/api/v1/model").status, 401);
    QCOMPARE(hub.call("GET", "/api/v1/model/household").status, 401);
}

void TestHubTraining::recommendationsFollowCoListening()
{
    InProcessHub hub;
    VERIFY_IN_PROCESS_HUB(hub);
    const qint64 home = hub.createHousehold(QStringLiteral("Home"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Two circles: tracks 1-4 go together, and so do 11-14. Dana played only 1 and 2 of the first.
    const QList<std::pair<QString, QList<int>>> listeners{{QStringLiteral("Alice"), {1, 2, 3, 4}},
                                                          {QStringLiteral("Bob"), {1, 2, 3, 4}},
                                                          {QStringLiteral("Cleo"), {11, 12, 13, 14}},
                                                          {QStringLiteral("Emil"), {11, 12, 13, 14}},
                                                          {QStringLiteral("Dana"), {1, 2}}};
    QByteArray dana;
    for (const auto &[name, tracks] : listeners) {
        const QByteArray token = hub.member(home, name);
        QJsonArray items;
        for (const int n : tracks) {
            for (int i = 0; i < 3; ++i) {
                items.append(play(track(n), now - i));
            }
        }
        QCOMPARE(hub.sync(token, items).status, 200);
        QCOMPARE(hub.call("PUT", "/api/v1/me/training", token, optInBody(true)).status, 200);
        dana = token;
    }
    QVERIFY(train(hub).standardOutput.contains(QStringLiteral("Trained model version 1")));
    const Answer answer = hub.call("GET", "/api/v1/me/recommendations", dana, {}, {{"limit", "4"}});
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("model_version")).toInteger(), 1);
    QStringList uris;
    for (const QJsonValue &item : answer.json.value(QStringLiteral("items")).toArray()) {
        uris << item.toObject().value(QStringLiteral("uri")).toString();
    }
    // Never what she played; first the rest of her circle, then the other one.
    QCOMPARE(uris.size(), 4);
    QVERIFY2(!uris.contains(track(1)) && !uris.contains(track(2)), qPrintable(uris.join(QLatin1Char(' '))));
    QCOMPARE(QSet<QString>(uris.cbegin(), uris.cbegin() + 2), (QSet<QString>{track(3), track(4)}));
    QCOMPARE(hub.call("GET", "/api/v1/me/recommendations", dana, {}, {{"limit", "0"}}).code,
             QStringLiteral("invalid_limit"));
}

QTEST_GUILESS_MAIN(TestHubTraining)
#include "tst_hubtraining.moc"
