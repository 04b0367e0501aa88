#pragma once

#include "importrowsmodel.h"

#include "engine/import/historyimporter.h"
#include "engine/ingest/storethread.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QJSEngine;
class QQmlEngine;

// Importing Spotify's privacy export from the app. The import runs as a job on the StoreThread (the cache's
// one writer); its progress is polled from a small shared record, so that nothing on the store's thread
// touches this object. The report comes back as two models: the counts under each rule and the files.
class HistoryImport : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    Q_PROPERTY(bool includeIncognito READ includeIncognito WRITE setIncludeIncognito NOTIFY changed)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)
    Q_PROPERTY(QString remainingText READ remainingText NOTIFY progressChanged)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY changed)
    Q_PROPERTY(double knownPlays READ knownPlays NOTIFY changed)
    Q_PROPERTY(ImportRowsModel *counts READ counts CONSTANT)
    Q_PROPERTY(ImportRowsModel *files READ files CONSTANT)

public:
    enum class State { Idle, Running, Cancelling, Finished, Failed };
    Q_ENUM(State)

    explicit HistoryImport(engine::StoreThread *store, QObject *parent = nullptr);
    ~HistoryImport() override;

    static HistoryImport *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    State state() const;
    bool busy() const;
    bool includeIncognito() const;
    void setIncludeIncognito(bool include);
    double progress() const;
    QString progressText() const;
    QString remainingText() const;
    QString summary() const;
    QString errorMessage() const;
    // The plays in the cache, -1 until counted: the Home page offers the import while there are none.
    double knownPlays() const; // a double for QML, which has no 64-bit integer
    ImportRowsModel *counts();
    ImportRowsModel *files();

    // Imports the zips, folders and files (local file URLs) the user chose.
    Q_INVOKABLE void start(const QList<QUrl> &urls);
    // Stops after the current chunk: the file being read is rolled back, the files before it stay imported.
    Q_INVOKABLE void cancel();
    // Counts the plays in the cache (a store job); knownPlays follows.
    Q_INVOKABLE void refreshKnownPlays();

Q_SIGNALS:
    void changed();
    void progressChanged();
    // The import ended (done, cancelled or failed): it may have written plays, so whatever shows them reads the
    // cache again.
    void finished();

private:
    struct Shared;

    void pollProgress();
    void finish(const engine::Result<engine::ImportReport> &report);

    engine::StoreThread *m_store;
    std::shared_ptr<Shared> m_shared;
    QTimer m_poll;
    QElapsedTimer m_elapsed;
    State m_state = State::Idle;
    bool m_includeIncognito = false;
    qint64 m_knownPlays = -1;
    engine::ImportProgress m_progress;
    QString m_summary;
    QString m_errorMessage;
    ImportRowsModel m_counts;
    ImportRowsModel m_files;
};
