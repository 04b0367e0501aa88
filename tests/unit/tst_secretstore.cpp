// The secret stores against the real keychain (gnome-keyring on D-Bus under tests/run.sh): round trips,
// failing closed without a keychain, and no secret ever landing in a plain file.

#include "engine/spotify/secretstore.h"
#include "tests/support/testenv.h"

#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using engine::KeychainSecretStore;
using engine::MemorySecretStore;
using engine::SecretStore;

namespace
{

// Runs one store call and waits for its answer on the event loop. An answer given from inside the call
// itself breaks the contract and is reported as Failed.
SecretStore::Answer await(const std::function<void(SecretStore::Callback)> &call)
{
    std::optional<SecretStore::Answer> result;
    bool returned = false;
    call([&](const SecretStore::Answer &answer) {
        result = returned
            ? answer
            : SecretStore::Answer{SecretStore::Status::Failed, {}, QStringLiteral("answered synchronously")};
    });
    returned = true;
    if (!QTest::qWaitFor(
            [&] {
                return result.has_value();
            },
            15000)) {
        return {SecretStore::Status::Failed, {}, QStringLiteral("no answer within 15 s")};
    }
    return *result;
}

// Every file under `root` whose bytes contain `needle`.
QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle)) {
            hits.append(file.fileName());
        }
    }
    return hits;
}

bool haveSessionBus()
{
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void memoryStoreKeepsSecretsForTheSession()
    {
        MemorySecretStore store;
        QVERIFY(!store.isPersistent());
        QCOMPARE(await([&](auto done) {
                     store.read(QStringLiteral("k"), done);
                 }).status,
                 SecretStore::Status::NotFound);
        QCOMPARE(await([&](auto done) {
                     store.write(QStringLiteral("k"), "s3cret", done);
                 }).status,
                 SecretStore::Status::Ok);
        const SecretStore::Answer read = await([&](auto done) {
            store.read(QStringLiteral("k"), done);
        });
        QCOMPARE(read.status, SecretStore::Status::Ok);
        QCOMPARE(read.secret, QByteArray("s3cret"));
        QCOMPARE(await([&](auto done) {
                     store.remove(QStringLiteral("k"), done);
                 }).status,
                 SecretStore::Status::Ok);
        QCOMPARE(await([&](auto done) {
                     store.read(QStringLiteral("k"), done);
                 }).status,
                 SecretStore::Status::NotFound);
    }

    void keychainRoundTrip()
    {
        TUNESCOUT_REQUIRE_SERVICE(haveSessionBus(), "a D-Bus session with an unlocked keyring");
        KeychainSecretStore store(nullptr, QStringLiteral("TuneScout-test"));
        QVERIFY(store.isPersistent());
        QCOMPARE(await([&](auto done) {
                     store.probe(done);
                 }).status,
                 SecretStore::Status::Ok);

        const QString key = QStringLiteral("roundtrip-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        const QByteArray canary = "CANARY-refresh-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const SecretStore::Answer written = await([&](auto done) {
            store.write(key, canary, done);
        });
        QVERIFY2(written.status == SecretStore::Status::Ok, qPrintable(written.message));

        // A second store object (as after a restart) finds the same secret.
        KeychainSecretStore later(nullptr, QStringLiteral("TuneScout-test"));
        const SecretStore::Answer read = await([&](auto done) {
            later.read(key, done);
        });
        QCOMPARE(read.status, SecretStore::Status::Ok);
        QCOMPARE(read.secret, canary);

        // The keyring stores it encrypted: no file in the home folder holds the plain value.
        QCOMPARE(filesContaining(QDir::homePath(), canary), QStringList());

        QCOMPARE(await([&](auto done) {
                     store.remove(key, done);
                 }).status,
                 SecretStore::Status::Ok);
        QCOMPARE(await([&](auto done) {
                     store.read(key, done);
                 }).status,
                 SecretStore::Status::NotFound);
        QCOMPARE(await([&](auto done) {
                     store.remove(key, done);
                 }).status,
                 SecretStore::Status::Ok);
    }

    // Runs this test binary again without a session bus; the child's half is childWithoutKeychain().
    void failsClosedWithoutAKeychain()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("TUNESCOUT_SECRETSTORE_CHILD"), QStringLiteral("1"));
        QProcess child;
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("childWithoutKeychain")});
        QVERIFY(child.waitForFinished(60000));
        const QString output = QString::fromUtf8(child.readAll());
        QVERIFY2(child.exitCode() == 0, qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("PASS   : TestSecretStore::childWithoutKeychain()")),
                 qPrintable(output));
        QCOMPARE(filesContaining(home.path(), "CANARY-no-keychain"), QStringList());
    }

    void childWithoutKeychain()
    {
        if (qEnvironmentVariable("TUNESCOUT_SECRETSTORE_CHILD") != QLatin1String("1")) {
            QSKIP("runs only as the child of failsClosedWithoutAKeychain");
        }
        KeychainSecretStore store(nullptr, QStringLiteral("TuneScout-test"));
        const SecretStore::Answer probed = await([&](auto done) {
            store.probe(done);
        });
        QCOMPARE(probed.status, SecretStore::Status::NoBackend);
        const SecretStore::Answer written = await([&](auto done) {
            store.write(QStringLiteral("refresh-token"), "CANARY-no-keychain", done);
        });
        QCOMPARE(written.status, SecretStore::Status::NoBackend);
        QVERIFY(!written.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
