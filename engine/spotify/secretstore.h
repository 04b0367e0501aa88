#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace engine
{

// Where TuneScout keeps its few secrets: the Spotify refresh token and the hub device token (nothing else,
// and never in a file, the database or the settings). Asynchronous: the OS keychain answers over IPC.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Status {
        Ok,
        NotFound,
        NoBackend, // no keychain service at all (no D-Bus session, no Secret Service)
        AccessDenied, // the user said no, or the keyring stays locked
        Failed, // anything else the backend reported
    };

    struct Answer {
        Status status = Status::Failed;
        QByteArray secret; // set by a successful read
        QString message; // the backend's words, for a person
    };
    using Callback = std::function<void(const Answer &)>;

    using QObject::QObject;

    // Each call answers exactly once, on this object's thread, after the call has returned.
    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QByteArray &secret, Callback done) = 0;
    virtual void remove(const QString &key, Callback done) = 0;

    // False for a store that forgets everything when the app quits.
    virtual bool isPersistent() const = 0;
};

QString secretStatusName(SecretStore::Status status);

// The OS keychain through QtKeychain, under the service name "TuneScout". Fails closed: QtKeychain's
// plaintext fallback is switched off on every job.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr, QString service = QStringLiteral("TuneScout"));

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QByteArray &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;
    bool isPersistent() const override;

    // Reads an entry that does not exist: "not found" proves a working, unlocked backend without creating
    // anything. Answers with Ok when the keychain is usable.
    void probe(Callback done);

private:
    QString m_service;
};

// Secrets for this session only, when there is no keychain: the user signs in again after a restart.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QByteArray &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;
    bool isPersistent() const override;

private:
    QHash<QString, QByteArray> m_secrets;
};

} // namespace engine
