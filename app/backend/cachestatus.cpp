#include "cachestatus.h"

#include <QJSEngine>

namespace
{
CacheStatus *s_instance = nullptr;
}

CacheStatus::CacheStatus(engine::StoreThread *store, QString dataDir, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dataDir(std::move(dataDir))
{
    Q_ASSERT(!s_instance);
    s_instance = this;
}

CacheStatus::~CacheStatus()
{
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
    m_store->open(m_dataDir, this, [this](const engine::StoreStatus &status) {
        apply(status);
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
