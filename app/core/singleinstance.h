#pragma once

#include <QLocalServer>
#include <QLockFile>
#include <QObject>
#include <QString>

#include <memory>

// One TuneScout window per data folder (RELIABILITY.md SQ-2): the cache has one writer, the store thread of the
// one app that holds <dataDir>/tunescout.lock. A second launch asks that app, over a local socket named after
// the folder, to bring its window to the front, and then leaves. The lock of an app that died (its PID gone) is
// stale and taken over; QLockFile releases it when this object goes.
//
// The CLI does not take the lock: WAL and the busy timeout let it share the cache with a running app.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    enum class Claim {
        Primary, // this process holds the folder: go on starting
        Unlocked, // the lock file could not be made (see message()): go on, the cache will say what is wrong
        Activated, // another TuneScout holds the folder and raised its window: exit 0
        Blocked, // another TuneScout holds the folder and did not answer: exit non-zero
    };
    Q_ENUM(Claim)

    static constexpr auto LockFileName = "tunescout.lock";

    explicit SingleInstance(QString dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Takes the lock, or asks its holder to show itself. Blocks for at most `answerTimeoutMs` waiting for the
    // answer: it runs before the app has a window or an event loop.
    Claim claim(int answerTimeoutMs = 3000);
    // What happened, for stderr, when claim() returned anything but Primary.
    QString message() const;

    // The local socket's name for a data folder: the same folder, however it was spelled, gives the same name.
    static QString serverName(const QString &dataDir);

Q_SIGNALS:
    // Another launch for the same folder asked this app to bring its window to the front.
    void activationRequested();

private:
    void listen();
    void answer(class QLocalSocket *socket);

    QString m_dataDir;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer m_server;
    QString m_message;
};
