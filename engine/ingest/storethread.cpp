#include "engine/ingest/storethread.h"

#include <QLoggingCategory>
#include <QMetaObject>

Q_LOGGING_CATEGORY(lcStoreThread, "tunescout.ingest.store")

namespace engine
{

StoreThread::StoreThread(QObject *parent)
    : QObject(parent)
    , m_worker(std::make_unique<QObject>())
{
    m_thread.setObjectName(QStringLiteral("tunescout-store"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

StoreThread::~StoreThread()
{
    stop();
}

void StoreThread::open(const QString &dataDir,
                       QObject *context,
                       std::function<void(const StoreStatus &)> done,
                       const QString &migrationsDir)
{
    const QPointer<QObject> guard(context);
    if (m_stopped) {
        StoreStatus status;
        status.message = unavailable().message;
        deliver(guard, [done, status] {
            done(status);
        });
        return;
    }
    runOnStoreThread([this, dataDir, migrationsDir, guard, done](Store *) {
        // One connection per profile: a second open replaces the first instead of adding a writer.
        m_store.reset();
        Store::Outcome outcome = Store::open(dataDir, migrationsDir);
        m_store = std::move(outcome.store);
        qCInfo(lcStoreThread) << "cache" << storeStateName(outcome.status.state) << outcome.status.databasePath;
        deliver(guard, [done, status = outcome.status] {
            done(status);
        });
    });
}

void StoreThread::stop()
{
    if (m_stopped) {
        return;
    }
    m_stopped = true;
    // Queued behind every job already posted, so that those finish first; the store closes on its own thread.
    QMetaObject::invokeMethod(
        m_worker.get(),
        [this] {
            m_store.reset();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
    m_worker.reset();
}

bool StoreThread::isStopped() const
{
    return m_stopped;
}

void StoreThread::runOnStoreThread(Work work)
{
    if (m_stopped) {
        work(nullptr);
        return;
    }
    QMetaObject::invokeMethod(
        m_worker.get(),
        [this, work = std::move(work)] {
            work(m_store.get());
        },
        Qt::QueuedConnection);
}

void StoreThread::deliver(const QPointer<QObject> &context, std::function<void()> answer)
{
    // Queued on this object, which outlives the store's thread (stop() joins it), and only then checked against
    // the context: a QPointer may be read only on the thread its object lives on.
    QMetaObject::invokeMethod(
        this,
        [context, answer = std::move(answer)] {
            if (context) {
                answer();
            }
        },
        Qt::QueuedConnection);
}

Error StoreThread::unavailable()
{
    return Error{Error::Code::Unavailable, QStringLiteral("The local cache is not open.")};
}

} // namespace engine
