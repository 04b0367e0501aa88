#pragma once

#include "engine/enrich/enrichjob.h"
#include "engine/ingest/storethread.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QJSEngine;
class QQmlEngine;

// Looking up genres (open tags) at MusicBrainz from the app: an engine::EnrichJob on the app's StoreThread, which
// only the user starts (never by itself: it sends the ISRCs of the cached tracks to MusicBrainz). QML binds to
// its progress and its last run's summary; when a run stored tags, tagsChanged() tells whatever shows genres.
//
// With an unusable TUNESCOUT_MUSICBRAINZ_URL there is no job: `available` is false and errorMessage says what to
// change, so the pages show that instead of a button that would do nothing.
class Enrichment : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool available READ available CONSTANT)
    Q_PROPERTY(QString serviceUrl READ serviceUrl CONSTANT)
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(bool canStart READ canStart NOTIFY changed)
    Q_PROPERTY(int done READ done NOTIFY progressChanged)
    Q_PROPERTY(int total READ total NOTIFY progressChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)
    Q_PROPERTY(QString pendingText READ pendingText NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY changed)

public:
    Enrichment(engine::StoreThread *store,
               const engine::Result<engine::MusicBrainzEndpoint> &endpoint,
               QObject *parent = nullptr);
    ~Enrichment() override;

    static Enrichment *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    // What a finished run did, for people: "Found genres for 312 tracks, 40 not in MusicBrainz. …".
    static QString summaryText(const engine::EnrichSummary &summary);

    // The job's limits (the defaults are MusicBrainz's rules); before start().
    void setPolicy(const engine::EnrichPolicy &policy);

    bool available() const;
    QString serviceUrl() const;
    bool running() const;
    bool canStart() const;
    int done() const;
    int total() const;
    double progress() const; // 0 to 1
    QString progressText() const; // "n of m"
    QString pendingText() const; // how many tracks are left to look up; empty until counted
    QString summary() const; // the last run's, empty before the first
    QString errorMessage() const; // why the last run ended early, or why no run can start

    Q_INVOKABLE void start();
    // Ends the run at once; what was looked up is kept and the next run continues.
    Q_INVOKABLE void stop();
    // Counts the tracks whose ISRC has not been looked up (a store job): after a sync or an import added some.
    Q_INVOKABLE void refreshPending();

Q_SIGNALS:
    void changed();
    void progressChanged();
    // A run ended (summary and errorMessage are set).
    void finished();
    // A run stored tags: what shows genres reads them again.
    void tagsChanged();

private:
    void runFinished(const engine::EnrichSummary &summary);

    engine::StoreThread *m_store;
    std::unique_ptr<engine::EnrichJob> m_job; // null when the endpoint is unusable
    engine::EnrichPolicy m_policy;
    QString m_serviceUrl;
    QString m_configurationError;
    int m_pending = -1;
    QString m_summary;
    QString m_runError;
    quint64 m_pendingRequest = 0;
};
