#pragma once

#include "engine/ingest/storethread.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;

// The local cache as the UI sees it. The Store is opened and then used on the StoreThread, the cache's one
// writer; what opening found comes back to this object on the GUI thread.
class CacheStatus : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    Q_PROPERTY(bool usable READ usable NOTIFY changed)
    Q_PROPERTY(bool needsAttention READ needsAttention NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)
    Q_PROPERTY(QString databasePath READ databasePath NOTIFY changed)
    Q_PROPERTY(int schemaVersion READ schemaVersion NOTIFY changed)
    Q_PROPERTY(int latestSchemaVersion READ latestSchemaVersion NOTIFY changed)

public:
    enum class State { Opening, Ready, Recovered, NewerSchema, Failed };
    Q_ENUM(State)

    CacheStatus(engine::StoreThread *store, QString dataDir, QObject *parent = nullptr);
    ~CacheStatus() override;

    static CacheStatus *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    State state() const;
    bool busy() const;
    bool usable() const;
    bool needsAttention() const;
    QString summary() const;
    QString message() const;
    QString databasePath() const;
    int schemaVersion() const;
    int latestSchemaVersion() const;

    // Opens the cache on the store's thread; `changed` follows when it is done.
    Q_INVOKABLE void open();

Q_SIGNALS:
    void changed();

private:
    void apply(const engine::StoreStatus &status);

    engine::StoreThread *m_store;
    QString m_dataDir;
    State m_state = State::Opening;
    engine::StoreStatus m_status;
};
