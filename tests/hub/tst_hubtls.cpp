// HB-4: the hub's own HTTPS. `tunescout-hub cert generate` and `cert fingerprint` (of the public key) against the
// openssl tool and QSslCertificate, the same for a certificate renewed for the same key; serve with that
// certificate, fetched with QNetworkAccessManager trusting exactly it; plain HTTP to the TLS port; bad certificate and
// key files; the per-address limit over the wire.
#include "tests/hub/hubtestsupport.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <sys/stat.h>

using hubtest::ScratchDatabase;

namespace
{

const QRegularExpression fingerprintShape(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"));

struct Fetched {
    int status = 0; // 0: no HTTP answer
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray retryAfter;
    QList<QSslError> sslErrors;
    QSslCertificate peer;
    QSsl::SslProtocol protocol = QSsl::UnknownProtocol;
};

// One GET. With a pinned certificate, the TLS errors are ignored only when every one of them is about exactly
// that certificate (how a client pins a self-signed hub); otherwise they stand and the request fails.
Fetched fetch(const QUrl &url, const QSslCertificate &pinned = QSslCertificate())
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    const std::unique_ptr<QNetworkReply> reply(network.get(request));
    Fetched fetched;
    QObject::connect(reply.get(), &QNetworkReply::sslErrors, reply.get(), [&](const QList<QSslError> &errors) {
        fetched.sslErrors = errors;
        if (pinned.isNull()) {
            return;
        }
        for (const QSslError &error : errors) {
            if (error.certificate() != pinned) {
                return;
            }
        }
        reply->ignoreSslErrors(errors);
    });
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(15000)) {
        return fetched;
    }
    fetched.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    fetched.error = reply->error();
    fetched.body = reply->readAll();
    fetched.retryAfter = reply->rawHeader("Retry-After");
    fetched.peer = reply->sslConfiguration().peerCertificate();
    fetched.protocol = reply->sslConfiguration().sessionProtocol();
    return fetched;
}

// A certificate renewed with openssl for the key of an existing one, as an admin renews a hub's certificate.
bool renewCertificate(const QString &keyPath, const QString &certificatePath)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"),
                   QStringLiteral("-x509"),
                   QStringLiteral("-key"),
                   keyPath,
                   QStringLiteral("-days"),
                   QStringLiteral("90"),
                   QStringLiteral("-subj"),
                   QStringLiteral("/CN=renewed"),
                   QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"),
                   QStringLiteral("-out"),
                   certificatePath});
    return openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
}

// Whether the openssl tool completes a handshake with the hub using only the given protocol version
// ("-tls1_1", "-tls1_2"); security level 0 so that the tool itself would allow TLS 1.1.
bool handshakes(quint16 port, const QString &version)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("s_client"),
                   QStringLiteral("-connect"),
                   QStringLiteral("127.0.0.1:%1").arg(port),
                   version,
                   QStringLiteral("-cipher"),
                   QStringLiteral("DEFAULT@SECLEVEL=0")});
    openssl.closeWriteChannel();
    return openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
}

QSslCertificate loadCertificate(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QSslCertificate(file.readAll(), QSsl::Pem) : QSslCertificate();
}

// Makes DIR/hub.crt and DIR/hub.key with cert generate; the fingerprint it printed, or empty.
QString generate(const QString &folder, const QStringList &more = {})
{
    const hubtest::HubRun run = hubtest::runHub(
        QStringList{QStringLiteral("cert"), QStringLiteral("generate"), QStringLiteral("--out"), folder} + more);
    if (run.exitCode != 0) {
        qWarning("cert generate failed: %s", qPrintable(run.standardError));
        return {};
    }
    // "SHA-256 fingerprint: AB:…:EF (of the public key)"
    return run.standardOutput.section(QStringLiteral("SHA-256 fingerprint: "), 1).section(QLatin1Char(' '), 0, 0);
}

// tunescout-hub serve with the given extra arguments, as a child process.
class Server
{
public:
    Server(const QString &databaseUrl, const QStringList &more)
        : m_port(hubtest::freePort())
        , m_finished(&m_process, &QProcess::finished)
    {
        m_process.setProcessEnvironment(hubtest::hubEnvironment());
        m_process.start(hubtest::hubBinary(),
                        QStringList{QStringLiteral("serve"),
                                    QStringLiteral("--database-url"),
                                    databaseUrl,
                                    QStringLiteral("--listen"),
                                    QStringLiteral("127.0.0.1:%1").arg(m_port),
                                    QStringLiteral("--threads"),
                                    QStringLiteral("4")}
                            + more);
    }

    ~Server()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_finished.wait(5000);
        }
    }

    QUrl url(const char *scheme, const char *path) const
    {
        return QUrl(
            QStringLiteral("%1://127.0.0.1:%2%3").arg(QLatin1String(scheme)).arg(m_port).arg(QLatin1String(path)));
    }

    quint16 port() const
    {
        return m_port;
    }

    bool isRunning() const
    {
        return m_process.state() != QProcess::NotRunning;
    }

    bool waitForExit()
    {
        return !m_finished.isEmpty() || m_finished.wait(20000);
    }

    int exitCode() const
    {
        return m_process.exitCode();
    }

    QString standardError()
    {
        m_standardError += QString::fromLocal8Bit(m_process.readAllStandardError());
        return m_standardError;
    }

    // The log line that says the hub listens.
    bool waitUntilListening()
    {
        return QTest::qWaitFor(
                   [this] {
                       return !isRunning() || standardError().contains(QStringLiteral("Listening on"));
                   },
                   20000)
            && isRunning();
    }

private:
    quint16 m_port;
    QProcess m_process;
    QSignalSpy m_finished;
    QString m_standardError;
};

} // namespace

class TestHubTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void generatedCertificateMatchesOpenSsl();
    void generateRefusesToOverwrite();
    void certificateCommandErrors();
    void servesHttpsWithTheGeneratedCertificate();
    void refusesBadCertificateOrKey_data();
    void refusesBadCertificateOrKey();
    void routesWithoutTokenAreLimitedPerAddress();

private:
    QTemporaryDir m_folder;
};

void TestHubTls::initTestCase()
{
    QVERIFY(m_folder.isValid());
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty(),
             "the openssl tool is missing: packaging/install-deps.sh installs it");
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend (qt6-base's OpenSSL plugin)");
}

void TestHubTls::generatedCertificateMatchesOpenSsl()
{
    const QString folder = m_folder.filePath(QStringLiteral("generated"));
    const QString fingerprint = generate(folder,
                                         {QStringLiteral("--host"),
                                          QStringLiteral("Hub.Home.Arpa"),
                                          QStringLiteral("--ip"),
                                          QStringLiteral("192.168.1.20"),
                                          QStringLiteral("--ip"),
                                          QStringLiteral("fd00::20"),
                                          QStringLiteral("--days"),
                                          QStringLiteral("30")});
    QVERIFY2(fingerprintShape.match(fingerprint).hasMatch(), qPrintable(fingerprint));
    const QString certificatePath = QDir(folder).filePath(QStringLiteral("hub.crt"));
    const QString keyPath = QDir(folder).filePath(QStringLiteral("hub.key"));

    // The same text as the openssl pipeline the READMEs show, cert fingerprint and Qt's digest of the public key;
    // not the whole certificate's.
    QCOMPARE(hubtest::opensslPublicKeyFingerprint(certificatePath), fingerprint);
    const hubtest::HubRun printed =
        hubtest::runHub({QStringLiteral("cert"), QStringLiteral("fingerprint"), certificatePath});
    QCOMPARE(printed.exitCode, 0);
    QCOMPARE(printed.standardOutput, fingerprint + QLatin1Char('\n'));
    const QSslCertificate certificate = loadCertificate(certificatePath);
    QVERIFY(!certificate.isNull());
    const QByteArray spki = certificate.publicKey().toDer();
    QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(spki, QCryptographicHash::Sha256).toHex(':').toUpper()),
             fingerprint);
    QVERIFY(hubtest::opensslCertificateFingerprint(certificatePath) != fingerprint);

    // Renewed for the same key: another certificate, the same fingerprint, so paired clients keep trusting it.
    const QString renewedPath = QDir(folder).filePath(QStringLiteral("renewed.crt"));
    QVERIFY(renewCertificate(keyPath, renewedPath));
    QVERIFY(loadCertificate(renewedPath) != loadCertificate(certificatePath));
    const hubtest::HubRun renewed =
        hubtest::runHub({QStringLiteral("cert"), QStringLiteral("fingerprint"), renewedPath});
    QCOMPARE(renewed.exitCode, 0);
    QCOMPARE(renewed.standardOutput, fingerprint + QLatin1Char('\n'));

    // Every name the clients may use, plus localhost and 127.0.0.1; an EC P-256 key; the validity asked for.
    const auto names = certificate.subjectAlternativeNames();
    QStringList hosts = names.values(QSsl::DnsEntry);
    hosts.sort();
    QCOMPARE(hosts, (QStringList{QStringLiteral("hub.home.arpa"), QStringLiteral("localhost")}));
    const QList<QString> addresses = names.values(QSsl::IpAddressEntry);
    QCOMPARE(addresses.size(), 3);
    QVERIFY2(addresses.contains(QStringLiteral("127.0.0.1")), qPrintable(addresses.join(QLatin1Char(' '))));
    QVERIFY(addresses.contains(QStringLiteral("192.168.1.20")));
    QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);
    QCOMPARE(certificate.publicKey().length(), 256);
    QVERIFY(certificate.isSelfSigned());
    const qint64 days = certificate.effectiveDate().daysTo(certificate.expiryDate());
    QVERIFY2(days == 30 || days == 31, qPrintable(QString::number(days)));

    // The key is for the hub's user alone.
    struct stat key = {};
    QCOMPARE(::stat(QFile::encodeName(keyPath).constData(), &key), 0);
    QCOMPARE(key.st_mode & 07777, mode_t(0600));
}

void TestHubTls::generateRefusesToOverwrite()
{
    const QString folder = m_folder.filePath(QStringLiteral("overwrite"));
    const QString first = generate(folder);
    QVERIFY(!first.isEmpty());
    const QString certificatePath = QDir(folder).filePath(QStringLiteral("hub.crt"));

    const hubtest::HubRun again =
        hubtest::runHub({QStringLiteral("cert"), QStringLiteral("generate"), QStringLiteral("--out"), folder});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.standardError.contains(QStringLiteral("already exists; nothing was written. Pass --force")),
             qPrintable(again.standardError));
    QCOMPARE(hubtest::opensslPublicKeyFingerprint(certificatePath), first);

    const QString replaced = generate(folder, {QStringLiteral("--force")});
    QVERIFY(!replaced.isEmpty());
    QVERIFY(replaced != first);
    QCOMPARE(hubtest::opensslPublicKeyFingerprint(certificatePath), replaced);
}

void TestHubTls::certificateCommandErrors()
{
    const QString missing = m_folder.filePath(QStringLiteral("missing.crt"));
    const hubtest::HubRun absent = hubtest::runHub({QStringLiteral("cert"), QStringLiteral("fingerprint"), missing});
    QCOMPARE(absent.exitCode, 1);
    QCOMPARE(absent.standardError,
             QStringLiteral("tunescout-hub: The TLS certificate %1 does not exist.\n").arg(missing));

    const QString garbage = m_folder.filePath(QStringLiteral("garbage.crt"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a certificate\n");
    file.close();
    const hubtest::HubRun notPem = hubtest::runHub({QStringLiteral("cert"), QStringLiteral("fingerprint"), garbage});
    QCOMPARE(notPem.exitCode, 1);
    QVERIFY2(notPem.standardError.startsWith(
                 QStringLiteral("tunescout-hub: The TLS certificate %1 is not a PEM certificate").arg(garbage)),
             qPrintable(notPem.standardError));

    const hubtest::HubRun noFolder = hubtest::runHub({QStringLiteral("cert"), QStringLiteral("generate")});
    QCOMPARE(noFolder.exitCode, 2);
    QVERIFY2(noFolder.standardError.contains(QStringLiteral("cert generate needs --out DIR")),
             qPrintable(noFolder.standardError));
}

void TestHubTls::servesHttpsWithTheGeneratedCertificate()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
    const QString folder = m_folder.filePath(QStringLiteral("served"));
    const QString fingerprint = generate(folder);
    QVERIFY(!fingerprint.isEmpty());
    const QString certificatePath = QDir(folder).filePath(QStringLiteral("hub.crt"));
    const QString keyPath = QDir(folder).filePath(QStringLiteral("hub.key"));
    const QSslCertificate certificate = loadCertificate(certificatePath);

    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    Server hub(database.url(), {QStringLiteral("--tls-cert"), certificatePath, QStringLiteral("--tls-key"), keyPath});
    QVERIFY2(hub.waitUntilListening(), qPrintable(hub.standardError()));
    QVERIFY2(hub.standardError().contains(QStringLiteral("public-key SHA-256 fingerprint %1").arg(fingerprint)),
             qPrintable(hub.standardError()));
    QVERIFY2(hub.standardError().contains(QStringLiteral("(https, tunescout-hub")), qPrintable(hub.standardError()));

    // Trusting exactly the generated certificate: answered over TLS 1.2 or newer, by that certificate.
    const Fetched pinned = fetch(hub.url("https", "/healthz"), certificate);
    QCOMPARE(pinned.error, QNetworkReply::NoError);
    QCOMPARE(pinned.status, 200);
    QCOMPARE(QJsonDocument::fromJson(pinned.body).object().value(QStringLiteral("status")).toString(),
             QStringLiteral("ok"));
    QCOMPARE(pinned.peer, certificate);
    QVERIFY2(pinned.protocol == QSsl::TlsV1_2 || pinned.protocol == QSsl::TlsV1_3,
             qPrintable(QString::number(pinned.protocol)));
    QVERIFY(handshakes(hub.port(), QStringLiteral("-tls1_2")));
    QVERIFY(!handshakes(hub.port(), QStringLiteral("-tls1_1")));
    // The only complaint is that nobody vouches for the certificate: its names fit 127.0.0.1.
    QVERIFY(!pinned.sslErrors.isEmpty());
    for (const QSslError &error : pinned.sslErrors) {
        QVERIFY2(error.error() == QSslError::SelfSignedCertificate, qPrintable(error.errorString()));
    }

    // Trusting another certificate: refused.
    const QString otherFolder = m_folder.filePath(QStringLiteral("other"));
    QVERIFY(!generate(otherFolder).isEmpty());
    const Fetched other =
        fetch(hub.url("https", "/healthz"), loadCertificate(QDir(otherFolder).filePath(QStringLiteral("hub.crt"))));
    QCOMPARE(other.status, 0);
    QCOMPARE(other.error, QNetworkReply::SslHandshakeFailedError);

    // Plain HTTP to the TLS port gets no HTTP answer.
    const Fetched plain = fetch(hub.url("http", "/healthz"));
    QCOMPARE(plain.status, 0);
    QVERIFY(plain.error != QNetworkReply::NoError);
    QVERIFY(hub.isRunning());

    // status shows the fingerprint the clients see.
    const QStringList settings{QStringLiteral("--database-url"),
                               database.url(),
                               QStringLiteral("--tls-cert"),
                               certificatePath,
                               QStringLiteral("--tls-key"),
                               keyPath};
    const hubtest::HubRun status = hubtest::runHub(QStringList{QStringLiteral("status")} + settings);
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(status.standardOutput.contains(QStringLiteral("public-key SHA-256 fingerprint %1").arg(fingerprint)),
             qPrintable(status.standardOutput));
    const hubtest::HubRun json =
        hubtest::runHub(QStringList{QStringLiteral("status"), QStringLiteral("--json")} + settings);
    QCOMPARE(json.exitCode, 0);
    const QJsonObject tls =
        QJsonDocument::fromJson(json.standardOutput.toUtf8()).object().value(QStringLiteral("tls")).toObject();
    QCOMPARE(tls.value(QStringLiteral("fingerprint_sha256")).toString(), fingerprint);
    QCOMPARE(tls.value(QStringLiteral("certificate")).toString(), certificatePath);
}

void TestHubTls::refusesBadCertificateOrKey_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");

    QVERIFY(!generate(m_folder.filePath(QStringLiteral("a"))).isEmpty());
    QVERIFY(!generate(m_folder.filePath(QStringLiteral("b"))).isEmpty());
    const QString certificateA = m_folder.filePath(QStringLiteral("a/hub.crt"));
    const QString keyA = m_folder.filePath(QStringLiteral("a/hub.key"));
    const QString keyB = m_folder.filePath(QStringLiteral("b/hub.key"));
    const QString missing = m_folder.filePath(QStringLiteral("a/missing.pem"));
    const QString truncated = m_folder.filePath(QStringLiteral("a/truncated.crt"));
    QFile certificate(certificateA);
    QFile cut(truncated);
    QVERIFY(certificate.open(QIODevice::ReadOnly) && cut.open(QIODevice::WriteOnly));
    cut.write(certificate.readAll().left(200));
    cut.close();

    QTest::addRow("certificate missing") << missing << keyA
                                         << QStringLiteral("The TLS certificate %1 does not exist.").arg(missing);
    QTest::addRow("key missing") << certificateA << missing
                                 << QStringLiteral("The TLS key %1 does not exist.").arg(missing);
    QTest::addRow("certificate truncated")
        << truncated << keyA << QStringLiteral("The TLS certificate %1 is not a PEM certificate").arg(truncated);
    QTest::addRow("key is a certificate")
        << certificateA << certificateA
        << QStringLiteral("The TLS key %1 is not a usable PEM private key").arg(certificateA);
    QTest::addRow("key of another certificate")
        << certificateA << keyB
        << QStringLiteral("The TLS key %1 does not belong to the certificate %2").arg(keyB, certificateA);
}

void TestHubTls::refusesBadCertificateOrKey()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    // The files are checked before the database is touched: this database does not exist, and is never asked.
    Server hub(QStringLiteral("host=/nonexistent/tunescout dbname=none"),
               {QStringLiteral("--tls-cert"), certificate, QStringLiteral("--tls-key"), key});
    QVERIFY(hub.waitForExit());
    QCOMPARE(hub.exitCode(), 2);
    const QString errors = hub.standardError();
    QVERIFY2(errors.startsWith(QStringLiteral("tunescout-hub: ") + expected), qPrintable(errors));
    QVERIFY2(errors.contains(QStringLiteral("Not serving.")), qPrintable(errors));
    QVERIFY2(!errors.contains(QStringLiteral("Listening on")), qPrintable(errors));
    QVERIFY2(!errors.contains(QStringLiteral("database")), qPrintable(errors));
}

void TestHubTls::routesWithoutTokenAreLimitedPerAddress()
{
    TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
    ScratchDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    // A burst of 3 and one more a second: 10 requests in a row cannot all pass, however slow the machine.
    Server hub(database.url(),
               {QStringLiteral("--address-rate"),
                QStringLiteral("1"),
                QStringLiteral("--address-burst"),
                QStringLiteral("3")});
    QVERIFY2(hub.waitUntilListening(), qPrintable(hub.standardError()));
    int answered = 0;
    Fetched refused;
    for (int i = 0; i < 10; ++i) {
        const Fetched fetched = fetch(hub.url("http", "/api/v1/openapi.yaml"));
        if (fetched.status == 200) {
            ++answered;
        } else {
            QCOMPARE(fetched.status, 429);
            refused = fetched;
        }
    }
    QVERIFY2(answered >= 3 && answered < 10, qPrintable(QString::number(answered)));
    QCOMPARE(refused.retryAfter, QByteArray("1"));
    QCOMPARE(QJsonDocument::fromJson(refused.body).object().value(QStringLiteral("code")).toString(),
             QStringLiteral("rate_limited"));
}

QTEST_GUILESS_MAIN(TestHubTls)
#include "tst_hubtls.moc"
