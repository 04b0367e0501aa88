#pragma once

#include "engine/model/result.h"
#include "engine/store/store.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace engine
{

// The cache's one writer (RELIABILITY.md SQ-2): a thread of its own that opens the Store, runs every job on it
// and closes it, so that SQLite is touched nowhere else and never on the GUI thread. Jobs run one at a time,
// in the order they were posted; each answer comes back through the event loop of the thread this object
// lives on, and only while the job's context object still exists.
//
// open(), post() and stop() are called on the thread this object lives on; contexts live there too.
class StoreThread : public QObject
{
    Q_OBJECT

public:
    explicit StoreThread(QObject *parent = nullptr);
    // Runs stop().
    ~StoreThread() override;

    // Opens (or creates) <dataDir>/tunescout.sqlite on the store's thread (Store::open). Jobs posted after
    // this call run after the open; without a usable store they answer Error::Code::Unavailable.
    void open(const QString &dataDir,
              QObject *context,
              std::function<void(const StoreStatus &)> done,
              const QString &migrationsDir = QString::fromLatin1(Store::BuiltInMigrations));

    // Runs `job(Store &)` on the store's thread and hands what it returned, a Result<T>, to `done(Result<T>)`
    // on this object's thread. A job that writes runs its writes in one SqliteDatabase::transaction().
    template<typename Job, typename Done>
    void post(Job job, QObject *context, Done done);

    // Runs the jobs already posted, closes the store on its thread and ends the thread; returns once it has.
    // Jobs posted afterwards answer Error::Code::Unavailable. Call it before the application quits.
    void stop();
    bool isStopped() const;

private:
    using Work = std::function<void(Store *)>;

    // Runs `work` on the store's thread with the open store, or with nullptr when there is none.
    void runOnStoreThread(Work work);
    // Queues `answer` for this object's thread; it runs only while `context` exists.
    void deliver(const QPointer<QObject> &context, std::function<void()> answer);
    static Error unavailable();

    QThread m_thread;
    std::unique_ptr<QObject> m_worker; // lives on m_thread: queued calls to it run there
    std::unique_ptr<Store> m_store; // created, used and destroyed on m_thread only
    bool m_stopped = false;
};

template<typename Job, typename Done>
void StoreThread::post(Job job, QObject *context, Done done)
{
    using R = std::invoke_result_t<Job &, Store &>;
    static_assert(std::is_constructible_v<R, Error>, "a store job returns a Result<T>");
    const QPointer<QObject> guard(context);
    runOnStoreThread([this, job = std::move(job), guard, done = std::move(done)](Store *store) mutable {
        auto result = std::make_shared<R>(store ? job(*store) : R(unavailable()));
        deliver(guard, [done, result]() mutable {
            done(std::move(*result));
        });
    });
}

} // namespace engine
