#include "app/core/singleinstance.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcInstance, "tunescout.app.instance")

namespace
{

const QByteArray activateRequest("activate\n");
const QByteArray activatedAnswer("activated\n");
constexpr qint64 MaxRequestBytes = 64;

} // namespace

SingleInstance::SingleInstance(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
{
    // Only this user may ask this app to do anything.
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                answer(socket);
            });
            answer(socket);
        }
    });
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverName(const QString &dataDir)
{
    const QFileInfo folder(dataDir);
    const QString path = folder.exists() ? folder.canonicalFilePath() : QDir::cleanPath(folder.absoluteFilePath());
    const QByteArray hash = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex().left(24);
    return QStringLiteral("tunescout-") + QString::fromLatin1(hash);
}

SingleInstance::Claim SingleInstance::claim(int answerTimeoutMs)
{
    const QString lockPath = QDir(m_dataDir).filePath(QString::fromLatin1(LockFileName));
    if (!QDir().mkpath(m_dataDir)) {
        m_message =
            QStringLiteral("TuneScout could not create the data folder %1 to put its lock file in.").arg(m_dataDir);
        return Claim::Unlocked;
    }
    m_lock = std::make_unique<QLockFile>(lockPath);
    // Stale only when the process that took it is gone: a TuneScout may run for weeks.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0)) {
        listen();
        return Claim::Primary;
    }
    if (m_lock->error() != QLockFile::LockFailedError) {
        m_lock.reset();
        m_message = QStringLiteral("TuneScout could not create its lock file %1, so it cannot tell whether another "
                                   "TuneScout uses this data folder. Check the folder's permissions.")
                        .arg(lockPath);
        return Claim::Unlocked;
    }

    qint64 pid = 0;
    QString host;
    QString application;
    m_lock->getLockInfo(&pid, &host, &application);
    m_lock.reset();
    const QString holder = pid > 0 ? QStringLiteral(" (PID %1)").arg(pid) : QString();

    QLocalSocket socket;
    socket.connectToServer(serverName(m_dataDir));
    const QDeadlineTimer deadline(answerTimeoutMs);
    if (socket.waitForConnected(int(deadline.remainingTime()))) {
        socket.write(activateRequest);
        socket.waitForBytesWritten(int(deadline.remainingTime()));
        while (!socket.canReadLine() && socket.waitForReadyRead(int(deadline.remainingTime()))) { }
        if (socket.canReadLine() && socket.readLine(MaxRequestBytes) == activatedAnswer) {
            m_message = QStringLiteral("TuneScout%1 is already running with the data folder %2; its window was "
                                       "brought to the front.")
                            .arg(holder, m_dataDir);
            return Claim::Activated;
        }
    }
    m_message = QStringLiteral("Another TuneScout%1 holds the data folder %2 and did not answer. Close it, or start "
                               "this one with another --data-dir. If no TuneScout is running, delete %3.")
                    .arg(holder, m_dataDir, lockPath);
    return Claim::Blocked;
}

QString SingleInstance::message() const
{
    return m_message;
}

void SingleInstance::listen()
{
    const QString name = serverName(m_dataDir);
    if (m_server.listen(name)) {
        return;
    }
    // A socket left by a TuneScout that died: the lock says it is ours to replace.
    if (m_server.serverError() == QAbstractSocket::AddressInUseError) {
        QLocalServer::removeServer(name);
        if (m_server.listen(name)) {
            return;
        }
    }
    // The app still works; a second launch will say it found no answer.
    qCWarning(lcInstance).noquote() << "could not listen for other launches on" << name << ":"
                                    << m_server.errorString();
}

void SingleInstance::answer(QLocalSocket *socket)
{
    if (!socket->canReadLine()) {
        if (socket->bytesAvailable() > MaxRequestBytes) {
            socket->abort();
        }
        return;
    }
    if (socket->readLine(MaxRequestBytes) == activateRequest) {
        qCInfo(lcInstance).noquote() << "another launch for" << m_dataDir << "asked for this window";
        Q_EMIT activationRequested();
        socket->write(activatedAnswer);
        socket->flush();
    }
    socket->disconnectFromServer();
}
