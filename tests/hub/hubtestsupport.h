#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>
#include <string>

#include <pqxx/connection>

namespace hubtest
{

// A database of its own on the test cluster (testsupport::postgresUrl()), dropped again by the destructor,
// so test functions share no state.
class ScratchDatabase
{
public:
    ScratchDatabase();
    ~ScratchDatabase();
    Q_DISABLE_COPY_MOVE(ScratchDatabase)

    // Empty when the database exists; else why it could not be created.
    const QString &errorString() const;
    const QString &name() const;
    // A connection string for the database, as tunescout-hub takes it.
    const QString &url() const;

    // For checks, on a connection of the test's own.
    pqxx::connection &connection();
    qint64 scalar(const std::string &sql);
    bool tableExists(const QString &table);
    // schema_migrations rows, or -1 when the table does not exist.
    int migrationRows();
    int schemaVersion();

    // DROP DATABASE … WITH (FORCE): ends every session on it, the hub's included.
    void drop();

private:
    QString m_name;
    QString m_url;
    QString m_error;
    std::unique_ptr<pqxx::connection> m_connection;
    bool m_dropped = false;
};

// A connection string for database on the cluster of baseUrl, optionally with a password.
QString urlForDatabase(const QString &baseUrl, const QString &database, const QString &password = {});

// The tunescout-hub binary under test and an environment for it free of the caller's TUNESCOUT_HUB_*.
QString hubBinary();
QProcessEnvironment hubEnvironment();

struct HubRun {
    bool finished = false;
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString standardOutput;
    QString standardError;
};

// Runs tunescout-hub to completion (waiting on QProcess::finished, never sleeping).
HubRun runHub(const QStringList &arguments, int timeoutMs = 60000);

// A port on 127.0.0.1 that was free a moment ago.
quint16 freePort();

// The fingerprints of a PEM certificate as the openssl tool computes them, "AB:CD:…", empty when it fails:
// of the public key with the very command the READMEs show users
// (openssl x509 -noout -pubkey -in CERT | openssl pkey -pubin -outform der | sha256sum), and of the whole
// certificate (openssl x509 -noout -fingerprint -sha256, what earlier versions pinned).
QString opensslPublicKeyFingerprint(const QString &certificatePath);
QString opensslCertificateFingerprint(const QString &certificatePath);

} // namespace hubtest
