#include "cachestatus.h"

#include <QJSEngine>

namespace
{
CacheStatus *s_instance = nullptr;
}

CacheStatus::CacheStatus(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_worker(new QObject)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    m_thread.setObjectName(QStringLiteral("tunescout-store"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

CacheStatus::~CacheStatus()
{
    m_thread.quit();
    m_thread.wait();
    // The thread has finished, so nothing else touches the store or the worker any more.
    m_store.reset();
    delete m_worker;
    s_instance = nullptr;
}

CacheStatus *CacheStatus::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "CacheStatus::create", "main() creates CacheStatus before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void CacheStatus::open()
{
    if (m_state != State::Opening) {
        m_state = State::Opening;
        Q_EMIT changed();
    }
    QMetaObject::invokeMethod(m_worker, [this, dataDir = m_dataDir] {
        engine::Store::Outcome outcome = engine::Store::open(dataDir);
        m_store = std::move(outcome.store);
        // Queued to this object: if it is being destroyed, the destructor waits for this thread first.
        QMetaObject::invokeMethod(
            this,
            [this, status = outcome.status] {
                apply(status);
            },
            Qt::QueuedConnection);
    });
}

void CacheStatus::apply(const engine::StoreStatus &status)
{
    m_status = status;
    switch (status.state) {
    case engine::StoreStatus::State::Ready:
        m_state = State::Ready;
        break;
    case engine::StoreStatus::State::Recovered:
        m_state = State::Recovered;
        break;
    case engine::StoreStatus::State::NewerSchema:
        m_state = State::NewerSchema;
        break;
    case engine::StoreStatus::State::Failed:
        m_state = State::Failed;
        break;
    }
    Q_EMIT changed();
}

CacheStatus::State CacheStatus::state() const
{
    return m_state;
}

bool CacheStatus::busy() const
{
    return m_state == State::Opening;
}

bool CacheStatus::usable() const
{
    return m_state == State::Ready || m_state == State::Recovered;
}

bool CacheStatus::needsAttention() const
{
    return m_state == State::Recovered || m_state == State::NewerSchema || m_state == State::Failed;
}

QString CacheStatus::summary() const
{
    switch (m_state) {
    case State::Opening:
        return tr("Opening the local cache…");
    case State::Ready:
        return tr("Local cache ready (schema %1)").arg(m_status.schemaVersion);
    case State::Recovered:
        return tr("Local cache rebuilt after damage");
    case State::NewerSchema:
        return tr("Cache made by a newer TuneScout");
    case State::Failed:
        return tr("Local cache unavailable");
    }
    return {};
}

QString CacheStatus::message() const
{
    return m_status.message;
}

QString CacheStatus::databasePath() const
{
    return m_status.databasePath;
}

int CacheStatus::schemaVersion() const
{
    return m_status.schemaVersion;
}

int CacheStatus::latestSchemaVersion() const
{
    return m_status.latestSchemaVersion;
}
