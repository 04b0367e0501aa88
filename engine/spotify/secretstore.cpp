#include "engine/spotify/secretstore.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

namespace engine
{

namespace
{

SecretStore::Answer answerFor(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::NoError:
        return {SecretStore::Status::Ok, {}, {}};
    case QKeychain::EntryNotFound:
        return {SecretStore::Status::NotFound, {}, job.errorString()};
    case QKeychain::NoBackendAvailable:
        return {SecretStore::Status::NoBackend, {}, job.errorString()};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {SecretStore::Status::AccessDenied, {}, job.errorString()};
    default:
        // Without a session bus QtKeychain reports OtherError ("Cannot autolaunch D-Bus …"): to the user that
        // is the same as having no keychain at all.
        if (job.errorString().contains(QLatin1String("D-Bus"))) {
            return {SecretStore::Status::NoBackend, {}, job.errorString()};
        }
        return {SecretStore::Status::Failed, {}, job.errorString()};
    }
}

// Without a parent: the Secret Service backend keeps a raw pointer to a running job and calls it when the
// answer comes, so a job deleted with its store while a call is out crashes later. The job deletes itself
// when it finishes; the store's connection (context `this`) drops the answer when the store is gone.
template<typename JobType>
JobType *makeJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

// Answers later, never inside the caller's call, as the keychain does.
void answerLater(QObject *context, SecretStore::Callback done, SecretStore::Answer answer)
{
    QTimer::singleShot(0, context, [done = std::move(done), answer = std::move(answer)] {
        done(answer);
    });
}

} // namespace

QString secretStatusName(SecretStore::Status status)
{
    switch (status) {
    case SecretStore::Status::Ok:
        return QStringLiteral("ok");
    case SecretStore::Status::NotFound:
        return QStringLiteral("not-found");
    case SecretStore::Status::NoBackend:
        return QStringLiteral("no-backend");
    case SecretStore::Status::AccessDenied:
        return QStringLiteral("access-denied");
    case SecretStore::Status::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

KeychainSecretStore::KeychainSecretStore(QObject *parent, QString service)
    : SecretStore(parent)
    , m_service(std::move(service))
{
}

void KeychainSecretStore::read(const QString &key, Callback done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
        Answer answer = answerFor(*finished);
        if (answer.status == Status::Ok) {
            answer.secret = static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData();
        }
        done(answer);
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QByteArray &secret, Callback done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
        done(answerFor(*finished));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, Callback done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
        Answer answer = answerFor(*finished);
        // Removing what is not there leaves the keychain as the caller wanted it.
        if (answer.status == Status::NotFound) {
            answer.status = Status::Ok;
        }
        done(answer);
    });
    job->start();
}

bool KeychainSecretStore::isPersistent() const
{
    return true;
}

void KeychainSecretStore::probe(Callback done)
{
    read(QStringLiteral("keychain-probe"), [done = std::move(done)](const Answer &answer) {
        done(answer.status == Status::NotFound ? Answer{Status::Ok, {}, {}} : answer);
    });
}

void MemorySecretStore::read(const QString &key, Callback done)
{
    const auto found = m_secrets.constFind(key);
    answerLater(this,
                std::move(done),
                found == m_secrets.cend() ? Answer{Status::NotFound, {}, {}} : Answer{Status::Ok, *found, {}});
}

void MemorySecretStore::write(const QString &key, const QByteArray &secret, Callback done)
{
    m_secrets.insert(key, secret);
    answerLater(this, std::move(done), {Status::Ok, {}, {}});
}

void MemorySecretStore::remove(const QString &key, Callback done)
{
    m_secrets.remove(key);
    answerLater(this, std::move(done), {Status::Ok, {}, {}});
}

bool MemorySecretStore::isPersistent() const
{
    return false;
}

} // namespace engine
