// tunescout-cli hub pair|status|sync|training|leave against the real hub over loopback, with the system keychain of
// tests/with-services.sh: exit codes, --json, the plain-HTTP rule and the fingerprint asked for without a
// terminal.

#include "engine/store/outboxrepository.h"
#include "engine/store/store.h"
#include "tests/hubclient/hubclienttestsupport.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using hubclienttest::LoopbackHub;

namespace
{

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const
    {
        return QJsonDocument::fromJson(out.toUtf8()).object();
    }
};

} // namespace

class TestHubCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // The CLI runs while this thread keeps serving events: the TLS terminator of a test lives here.
    Run run(const QStringList &arguments)
    {
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("TUNESCOUT_DATA_DIR"), dataDir());
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(TUNESCOUT_CLI_PATH), arguments);
        Run result;
        if (!QTest::qWaitFor(
                [&cli] {
                    return cli.state() == QProcess::NotRunning;
                },
                60000)) {
            cli.kill();
            cli.waitForFinished();
            return result;
        }
        result.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
        result.out = QString::fromUtf8(cli.readAllStandardOutput());
        result.err = QString::fromUtf8(cli.readAllStandardError());
        return result;
    }

    QString dataDir() const
    {
        return m_dir.filePath(QStringLiteral("data"));
    }

    void enqueue(int count)
    {
        engine::Store::Outcome opened = engine::Store::open(dataDir());
        QVERIFY(opened.store);
        auto outbox = engine::OutboxRepository::create(opened.store->database());
        for (int i = 0; i < count; ++i) {
            const QJsonObject play{{QStringLiteral("track_name"), QStringLiteral("Song %1").arg(i)},
                                   {QStringLiteral("played_at_ms"), QJsonValue(qint64(1700000000000) + i * 1000)},
                                   {QStringLiteral("source"), QStringLiteral("polled")}};
            QVERIFY(outbox.value().enqueue(engine::OutboxKind::Play, play));
        }
    }

private Q_SLOTS:
    void init()
    {
        REQUIRE_KEYRING_AND_POSTGRES();
        QVERIFY(m_dir.isValid());
        QDir(dataDir()).removeRecursively();
    }

    void pairsSyncsReportsAndUnpairs()
    {
        LoopbackHub loopback;
        VERIFY_LOOPBACK_HUB(loopback);
        const qint64 household = loopback.hub.createHousehold(QStringLiteral("The Smiths"));

        QCOMPARE(run({QStringLiteral("hub"), QStringLiteral("sync")}).exitCode, 3); // not paired
        Run paired = run({QStringLiteral("hub"),
                          QStringLiteral("pair"),
                          loopback.url(),
                          loopback.hub.invite(household),
                          QStringLiteral("--name"),
                          QStringLiteral("Alex"),
                          QStringLiteral("--device"),
                          QStringLiteral("desk")});
        QVERIFY2(paired.exitCode == 0, qPrintable(paired.err));
        QVERIFY(paired.out.contains(QLatin1String("Paired with ") + loopback.url() + QLatin1String(" as Alex")));
        QVERIFY(!paired.out.contains(QLatin1String("hub_"))); // the token is never printed

        enqueue(120);
        Run status = run({QStringLiteral("hub"), QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(status.json().value(QStringLiteral("state")).toString(), QStringLiteral("paired"));
        QCOMPARE(status.json().value(QStringLiteral("url")).toString(), loopback.url());
        QCOMPARE(status.json().value(QStringLiteral("waiting")).toInt(), 120);
        QVERIFY(status.json().value(QStringLiteral("fingerprint")).isNull());
        QVERIFY(status.json().value(QStringLiteral("last_upload_at_ms")).isNull());

        const Run synced = run({QStringLiteral("hub"), QStringLiteral("sync")});
        QVERIFY2(synced.exitCode == 0, qPrintable(synced.err));
        QVERIFY2(synced.out.contains(QLatin1String("Uploaded 120 events in 1 batches; 0 waiting.")),
                 qPrintable(synced.out));
        QCOMPARE(loopback.hub.database.scalar("SELECT count(*) FROM plays"), 120);

        status = run({QStringLiteral("hub"), QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.out.contains(QLatin1String("Waiting for hub:  0 events")), qPrintable(status.out));
        QVERIFY(!status.out.contains(QLatin1String("Last upload:      never")));

        const Run left = run({QStringLiteral("hub"), QStringLiteral("leave")});
        QCOMPARE(left.exitCode, 0);
        QVERIFY2(left.out.contains(QLatin1String("Left the hub at ") + loopback.url()), qPrintable(left.out));
        QCOMPARE(run({QStringLiteral("hub"), QStringLiteral("status"), QStringLiteral("--json")})
                     .json()
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("not_paired"));
        QCOMPARE(run({QStringLiteral("hub"), QStringLiteral("sync")}).exitCode, 3);
    }

    void revokedDeviceExitsThree()
    {
        LoopbackHub loopback;
        VERIFY_LOOPBACK_HUB(loopback);
        const Run paired = run({QStringLiteral("hub"),
                                QStringLiteral("pair"),
                                loopback.url(),
                                loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H"))),
                                QStringLiteral("--name"),
                                QStringLiteral("Sam"),
                                QStringLiteral("--json")});
        QVERIFY2(paired.exitCode == 0, qPrintable(paired.err));
        enqueue(5);
        loopback.hub.store->revokeDevice(loopback.hub.database.scalar("SELECT max(id) FROM devices"));
        const Run synced = run({QStringLiteral("hub"), QStringLiteral("sync")});
        QCOMPARE(synced.exitCode, 3);
        QVERIFY2(synced.err.contains(QLatin1String("revoked")), qPrintable(synced.err));
        const Run status = run({QStringLiteral("hub"), QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(status.json().value(QStringLiteral("state")).toString(), QStringLiteral("revoked"));
        QCOMPARE(status.json().value(QStringLiteral("waiting")).toInt(), 5);
        QCOMPARE(run({QStringLiteral("hub"), QStringLiteral("unpair")}).exitCode, 0);
    }

    // `hub training on|off` stores the member's choice in the hub (members.training_opt_in) and `hub training`
    // reads it back; bad words are usage errors, and an unpaired device is told to pair.
    void trainingChoiceRoundTrips()
    {
        LoopbackHub loopback;
        VERIFY_LOOPBACK_HUB(loopback);
        QCOMPARE(run({QStringLiteral("hub"), QStringLiteral("training")}).exitCode, 3); // not paired
        const Run paired = run({QStringLiteral("hub"),
                                QStringLiteral("pair"),
                                loopback.url(),
                                loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H"))),
                                QStringLiteral("--name"),
                                QStringLiteral("Robin")});
        QVERIFY2(paired.exitCode == 0, qPrintable(paired.err));
        const auto optedIn = [&loopback] {
            return loopback.hub.database.scalar("SELECT count(*) FROM members WHERE display_name = 'Robin' AND "
                                                "training_opt_in");
        };

        Run shown = run({QStringLiteral("hub"), QStringLiteral("training"), QStringLiteral("--json")});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        QCOMPARE(shown.json().value(QStringLiteral("opt_in")), QJsonValue(false));

        const Run on = run({QStringLiteral("hub"), QStringLiteral("training"), QStringLiteral("on")});
        QVERIFY2(on.exitCode == 0, qPrintable(on.err));
        QVERIFY2(on.out.contains(QLatin1String("Your plays join the household's training")), qPrintable(on.out));
        QCOMPARE(optedIn(), 1);
        shown = run({QStringLiteral("hub"), QStringLiteral("training"), QStringLiteral("--json")});
        QCOMPARE(shown.json().value(QStringLiteral("opt_in")), QJsonValue(true));

        const Run off =
            run({QStringLiteral("hub"), QStringLiteral("training"), QStringLiteral("off"), QStringLiteral("--json")});
        QVERIFY2(off.exitCode == 0, qPrintable(off.err));
        QCOMPARE(off.json().value(QStringLiteral("opt_in")), QJsonValue(false));
        QCOMPARE(optedIn(), 0);
        shown = run({QStringLiteral("hub"), QStringLiteral("training")});
        QVERIFY2(shown.out.contains(QLatin1String("Your plays stay out of the household's training")),
                 qPrintable(shown.out));

        const Run bad = run({QStringLiteral("hub"), QStringLiteral("training"), QStringLiteral("maybe")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QLatin1String("takes on, off or nothing"))
                     && bad.err.contains(QLatin1String("maybe")),
                 qPrintable(bad.err));
        QCOMPARE(optedIn(), 0);
    }

    void plainHttpToAnotherHostIsRefused()
    {
        const Run refused = run({QStringLiteral("hub"),
                                 QStringLiteral("pair"),
                                 QStringLiteral("http://192.0.2.7:8787"),
                                 QStringLiteral("7KQ2M-X9D4R")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QLatin1String("--allow-insecure-http")), qPrintable(refused.err));
        QCOMPARE(run({QStringLiteral("hub"), QStringLiteral("status"), QStringLiteral("--json")})
                     .json()
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("not_paired"));
    }

    void selfSignedHubNeedsTheFingerprintWithoutATerminal()
    {
        LoopbackHub loopback;
        VERIFY_LOOPBACK_HUB(loopback);
        QTemporaryDir certificates;
        const auto certificate = hubclienttest::makeSelfSigned(certificates.path(), QStringLiteral("home-hub"));
        QVERIFY2(certificate.error.isEmpty(), qPrintable(certificate.error));
        hubclienttest::TlsTerminator tls(certificate, loopback.port());
        QVERIFY2(tls.listen(), qPrintable(tls.errorString()));
        const QString url = QStringLiteral("https://127.0.0.1:%1").arg(tls.port());
        const QString code = loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H")));

        const Run asked = run({QStringLiteral("hub"),
                               QStringLiteral("pair"),
                               url,
                               code,
                               QStringLiteral("--name"),
                               QStringLiteral("Kim")});
        QCOMPARE(asked.exitCode, 3);
        QVERIFY2(asked.err.contains(certificate.fingerprint), qPrintable(asked.err));
        QVERIFY(asked.err.contains(QLatin1String("--trust-fingerprint ") + certificate.fingerprint));

        // Pasted as the openssl pipeline of the READMEs prints it: "hex  -".
        const QString sha256sum = certificate.fingerprint.toLower().remove(u':') + QStringLiteral("  -");
        const Run paired = run({QStringLiteral("hub"),
                                QStringLiteral("pair"),
                                url,
                                code,
                                QStringLiteral("--name"),
                                QStringLiteral("Kim"),
                                QStringLiteral("--trust-fingerprint"),
                                sha256sum});
        QVERIFY2(paired.exitCode == 0, qPrintable(paired.err));
        QVERIFY(
            paired.out.contains(QLatin1String("Pinned the public key of the hub's certificate, SHA-256 fingerprint ")
                                + certificate.fingerprint));
        Run status = run({QStringLiteral("hub"), QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(status.json().value(QStringLiteral("fingerprint")).toString(), certificate.fingerprint);
        QCOMPARE(run({QStringLiteral("hub"), QStringLiteral("unpair")}).exitCode, 0);

        // The whole certificate's fingerprint, as earlier versions showed it, pairs too and pins the public key.
        const Run old = run({QStringLiteral("hub"),
                             QStringLiteral("pair"),
                             url,
                             loopback.hub.invite(loopback.hub.createHousehold(QStringLiteral("H2"))),
                             QStringLiteral("--name"),
                             QStringLiteral("Kim"),
                             QStringLiteral("--trust-fingerprint"),
                             certificate.certificateFingerprint});
        QVERIFY2(old.exitCode == 0, qPrintable(old.err));
        status = run({QStringLiteral("hub"), QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(status.json().value(QStringLiteral("fingerprint")).toString(), certificate.fingerprint);
        QCOMPARE(run({QStringLiteral("hub"), QStringLiteral("unpair")}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestHubCli)

#include "tst_hubcli.moc"
