#include "engine/spotify/keychain.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace engine
{

void probeKeychain(QObject *context, int timeoutMs, std::function<void(const KeychainStatus &)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(KeychainService), context);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(QStringLiteral("keychain-probe"));

    // Either the job or the timer answers, whichever is first; the other one is then ignored.
    auto answered = std::make_shared<bool>(false);
    auto finish = [answered, done](const KeychainStatus &status) {
        if (!*answered) {
            *answered = true;
            done(status);
        }
    };
    QObject::connect(job, &QKeychain::Job::finished, context, [finish](QKeychain::Job *finished) {
        switch (finished->error()) {
        case QKeychain::NoError:
        case QKeychain::EntryNotFound:
            finish({true, QStringLiteral("available")});
            break;
        case QKeychain::AccessDenied:
            finish({false, QStringLiteral("access denied or keyring locked: %1").arg(finished->errorString())});
            break;
        case QKeychain::NoBackendAvailable:
            finish({false, QStringLiteral("no keychain backend: %1").arg(finished->errorString())});
            break;
        default:
            finish({false, finished->errorString()});
            break;
        }
    });
    QTimer::singleShot(timeoutMs, context, [finish, timeoutMs] {
        finish({false, QStringLiteral("the keychain did not answer within %1 ms").arg(timeoutMs)});
    });
    job->start();
}

} // namespace engine
