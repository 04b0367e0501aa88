#include "tests/hub/hubtestsupport.h"

#include "tests/support/testenv.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QUrl>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

namespace hubtest
{

ScratchDatabase::ScratchDatabase()
{
    static int counter = 0;
    m_name = QStringLiteral("tunescout_hubtest_%1_%2_%3")
                 .arg(QCoreApplication::applicationPid())
                 .arg(++counter)
                 .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    m_url = urlForDatabase(testsupport::postgresUrl(), m_name);
    try {
        pqxx::connection admin(testsupport::postgresUrl().toStdString());
        pqxx::nontransaction transaction(admin);
        // A database name cannot be a parameter; this one is generated above and quoted.
        transaction.exec0("CREATE DATABASE " + transaction.quote_name(m_name.toStdString()));
        m_connection = std::make_unique<pqxx::connection>(m_url.toStdString());
    } catch (const std::exception &error) {
        m_error = QString::fromUtf8(error.what());
        m_dropped = true;
    }
}

ScratchDatabase::~ScratchDatabase()
{
    try {
        drop();
    } catch (const std::exception &error) {
        qWarning("Could not drop the scratch database: %s", error.what());
    }
}

const QString &ScratchDatabase::errorString() const
{
    return m_error;
}

const QString &ScratchDatabase::name() const
{
    return m_name;
}

const QString &ScratchDatabase::url() const
{
    return m_url;
}

pqxx::connection &ScratchDatabase::connection()
{
    return *m_connection;
}

qint64 ScratchDatabase::scalar(const std::string &sql)
{
    pqxx::nontransaction transaction(*m_connection);
    return transaction.exec1(sql)[0].as<qint64>();
}

bool ScratchDatabase::tableExists(const QString &table)
{
    pqxx::nontransaction transaction(*m_connection);
    return transaction.exec_params1("SELECT to_regclass($1) IS NOT NULL", table.toStdString())[0].as<bool>();
}

int ScratchDatabase::migrationRows()
{
    return tableExists(QStringLiteral("schema_migrations")) ? int(scalar("SELECT count(*) FROM schema_migrations"))
                                                            : -1;
}

int ScratchDatabase::schemaVersion()
{
    return tableExists(QStringLiteral("schema_migrations"))
        ? int(scalar("SELECT coalesce(max(version), 0) FROM schema_migrations"))
        : 0;
}

void ScratchDatabase::drop()
{
    if (m_dropped) {
        return;
    }
    m_dropped = true;
    m_connection.reset();
    pqxx::connection admin(testsupport::postgresUrl().toStdString());
    pqxx::nontransaction transaction(admin);
    transaction.exec0("DROP DATABASE IF EXISTS " + transaction.quote_name(m_name.toStdString()) + " WITH (FORCE)");
}

QString urlForDatabase(const QString &baseUrl, const QString &database, const QString &password)
{
    if (baseUrl.startsWith(QLatin1String("postgres"))) {
        QUrl url(baseUrl);
        url.setPath(QLatin1Char('/') + database);
        if (!password.isEmpty()) {
            url.setPassword(password);
        }
        return url.toString();
    }
    QString result = baseUrl + QStringLiteral(" dbname='%1'").arg(database);
    if (!password.isEmpty()) {
        result += QStringLiteral(" password='%1'").arg(password);
    }
    return result;
}

QString hubBinary()
{
    return QStringLiteral(TUNESCOUT_HUB_BINARY);
}

QProcessEnvironment hubEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QStringList names = environment.keys();
    for (const QString &name : names) {
        if (name.startsWith(QLatin1String("TUNESCOUT_HUB_")) || name.startsWith(QLatin1String("PG"))) {
            environment.remove(name);
        }
    }
    return environment;
}

HubRun runHub(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(hubEnvironment());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(hubBinary(), arguments);
    HubRun run;
    run.finished = finished.wait(timeoutMs) || !finished.isEmpty();
    if (!run.finished) {
        process.kill();
        finished.wait(5000);
    }
    run.exitCode = process.exitCode();
    run.exitStatus = process.exitStatus();
    run.standardOutput = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.standardError = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return server.serverPort();
}

namespace
{

QString colonHex(const QString &hex)
{
    if (hex.size() != 64) {
        return {};
    }
    return QString::fromLatin1(QByteArray::fromHex(hex.toLatin1()).toHex(':').toUpper());
}

} // namespace

QString opensslPublicKeyFingerprint(const QString &certificatePath)
{
    QProcess shell;
    shell.start(QStringLiteral("sh"),
                {QStringLiteral("-c"),
                 // sh has no pipefail: a certificate openssl cannot read fails before the pipe would hash nothing.
                 QStringLiteral("openssl x509 -noout -in \"$1\" && openssl x509 -noout -pubkey -in \"$1\" | openssl "
                                "pkey -pubin -outform der | sha256sum"),
                 QStringLiteral("sh"),
                 certificatePath});
    if (!shell.waitForFinished(30000) || shell.exitStatus() != QProcess::NormalExit || shell.exitCode() != 0) {
        return {};
    }
    // "HEX  -"
    return colonHex(QString::fromLatin1(shell.readAllStandardOutput()).section(QLatin1Char(' '), 0, 0));
}

QString opensslCertificateFingerprint(const QString &certificatePath)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("x509"),
                   QStringLiteral("-in"),
                   certificatePath,
                   QStringLiteral("-noout"),
                   QStringLiteral("-fingerprint"),
                   QStringLiteral("-sha256")});
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        return {};
    }
    // "sha256 Fingerprint=AB:CD:…" (OpenSSL 3) or "SHA256 Fingerprint=…" (1.1).
    const QString line = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
    return colonHex(line.section(QLatin1Char('='), 1).remove(QLatin1Char(':')));
}

} // namespace hubtest
