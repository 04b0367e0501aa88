#include "historyimport.h"

#include "engine/store/libraryrepository.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJSEngine>
#include <QLocale>
#include <QMutex>

#include <atomic>

using namespace engine;

namespace
{
HistoryImport *s_instance = nullptr;
constexpr int PollIntervalMs = 100;
} // namespace

// What the store's thread and this object share while an import runs.
struct HistoryImport::Shared {
    std::atomic_bool cancel = false;
    QMutex mutex;
    ImportProgress latest;
};

HistoryImport::HistoryImport(StoreThread *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    m_poll.setInterval(PollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &HistoryImport::pollProgress);
}

HistoryImport::~HistoryImport()
{
    if (m_shared) {
        m_shared->cancel = true;
    }
    s_instance = nullptr;
}

HistoryImport *HistoryImport::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "HistoryImport::create", "main() creates HistoryImport before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

HistoryImport::State HistoryImport::state() const
{
    return m_state;
}

bool HistoryImport::busy() const
{
    return m_state == State::Running || m_state == State::Cancelling;
}

bool HistoryImport::includeIncognito() const
{
    return m_includeIncognito;
}

void HistoryImport::setIncludeIncognito(bool include)
{
    if (include != m_includeIncognito) {
        m_includeIncognito = include;
        Q_EMIT changed();
    }
}

double HistoryImport::progress() const
{
    return m_progress.bytesTotal > 0 ? qBound(0.0, double(m_progress.bytesDone) / double(m_progress.bytesTotal), 1.0)
                                     : 0.0;
}

QString HistoryImport::progressText() const
{
    if (!busy()) {
        return {};
    }
    const QLocale locale;
    return tr("%1 of %2 · %3 rows · %4")
        .arg(locale.formattedDataSize(m_progress.bytesDone),
             locale.formattedDataSize(m_progress.bytesTotal),
             locale.toString(m_progress.rows),
             m_progress.file);
}

QString HistoryImport::remainingText() const
{
    if (m_state == State::Cancelling) {
        return tr("Cancelling…");
    }
    const double done = progress();
    // The first second and percent say too little about the speed to promise anything.
    if (!busy() || done < 0.01 || m_elapsed.elapsed() < 1000) {
        return busy() ? tr("Estimating the time left…") : QString();
    }
    const qint64 leftS = qint64(double(m_elapsed.elapsed()) * (1.0 - done) / done / 1000.0);
    if (leftS < 60) {
        return leftS <= 1 ? tr("About a second left") : tr("About %Ln seconds left", nullptr, int(leftS));
    }
    const qint64 minutes = (leftS + 30) / 60;
    return minutes == 1 ? tr("About a minute left") : tr("About %Ln minutes left", nullptr, int(minutes));
}

QString HistoryImport::summary() const
{
    return m_summary;
}

QString HistoryImport::errorMessage() const
{
    return m_errorMessage;
}

double HistoryImport::knownPlays() const
{
    return double(m_knownPlays);
}

void HistoryImport::refreshKnownPlays()
{
    m_store->post(
        [](Store &store) -> Result<qint64> {
            auto library = LibraryRepository::create(store.database());
            if (!library) {
                return library.error();
            }
            const auto counts = library.value().counts();
            if (!counts) {
                return counts.error();
            }
            return counts.value().plays;
        },
        this,
        [this](const Result<qint64> &plays) {
            if (plays && plays.value() != m_knownPlays) {
                m_knownPlays = plays.value();
                Q_EMIT changed();
            }
        });
}

ImportRowsModel *HistoryImport::counts()
{
    return &m_counts;
}

ImportRowsModel *HistoryImport::files()
{
    return &m_files;
}

void HistoryImport::start(const QList<QUrl> &urls)
{
    if (busy()) {
        return;
    }
    QStringList paths;
    for (const QUrl &url : urls) {
        if (url.isLocalFile()) {
            paths.append(url.toLocalFile());
        }
    }
    if (paths.isEmpty()) {
        m_state = State::Failed;
        m_errorMessage = tr("Choose the export's zip, its folder or its JSON files on this computer.");
        Q_EMIT changed();
        return;
    }
    m_shared = std::make_shared<Shared>();
    m_progress = ImportProgress{};
    m_summary.clear();
    m_errorMessage.clear();
    m_counts.setRows({});
    m_files.setRows({});
    m_state = State::Running;
    m_elapsed.start();
    m_poll.start();
    Q_EMIT changed();
    Q_EMIT progressChanged();

    const ImportOptions options{false, m_includeIncognito};
    m_store->post(
        [paths, options, shared = m_shared](Store &store) -> Result<ImportReport> {
            HistoryImporter importer(store.database(), options);
            importer.setCancelFlag(&shared->cancel);
            importer.setProgressCallback([shared](const ImportProgress &progress) {
                const QMutexLocker lock(&shared->mutex);
                shared->latest = progress;
            });
            return importer.run(paths);
        },
        this,
        [this](const Result<ImportReport> &report) {
            finish(report);
        });
}

void HistoryImport::cancel()
{
    if (m_state == State::Running && m_shared) {
        m_shared->cancel = true;
        m_state = State::Cancelling;
        Q_EMIT changed();
        Q_EMIT progressChanged();
    }
}

void HistoryImport::pollProgress()
{
    if (!m_shared) {
        return;
    }
    {
        const QMutexLocker lock(&m_shared->mutex);
        m_progress = m_shared->latest;
    }
    Q_EMIT progressChanged();
}

void HistoryImport::finish(const Result<ImportReport> &result)
{
    m_poll.stop();
    pollProgress();
    m_shared.reset();
    if (!result) {
        m_state = State::Failed;
        m_errorMessage = result.error().message;
        Q_EMIT changed();
        Q_EMIT progressChanged();
        // A failure after some files leaves those files imported.
        Q_EMIT finished();
        return;
    }
    const ImportReport &report = result.value();
    const QLocale locale;
    QList<ImportRowsModel::Row> counts;
    for (const ImportCountEntry &entry : countEntries(report.totals)) {
        if (entry.value != 0) {
            counts.append({QCoreApplication::translate("ImportCounts", entry.label),
                           QString(),
                           locale.toString(entry.value),
                           false});
        }
    }
    m_counts.setRows(counts);

    QList<ImportRowsModel::Row> files;
    for (const ImportFileReport &file : report.files) {
        QString detail;
        switch (file.status) {
        case ImportFileReport::Status::Imported:
            detail = tr("Imported");
            break;
        case ImportFileReport::Status::AlreadyImported:
            detail = tr("Imported before: nothing changed");
            break;
        case ImportFileReport::Status::Skipped:
            detail = tr("Podcasts, audiobooks or video: counted, not stored");
            break;
        case ImportFileReport::Status::Ignored:
            detail = tr("Not a listening history: ignored");
            break;
        case ImportFileReport::Status::Failed:
            detail = file.error;
            break;
        case ImportFileReport::Status::Cancelled:
            detail = tr("Cancelled: nothing of this file was stored");
            break;
        }
        const bool counted =
            file.status == ImportFileReport::Status::Imported || file.status == ImportFileReport::Status::Skipped;
        files.append({QFileInfo(file.name).fileName(),
                      detail,
                      !counted                        ? QString()
                          : file.counts.rowsRead == 1 ? tr("1 row")
                                                      : tr("%Ln rows", nullptr, int(file.counts.rowsRead)),
                      file.status == ImportFileReport::Status::Failed});
    }
    m_files.setRows(files);

    const qint64 added = report.totals.playsAdded + report.totals.shortPlaysAdded;
    const int failed = report.failedFiles();
    const QString plays = added == 1 ? tr("1 play") : tr("%Ln plays", nullptr, int(added));
    m_summary = report.cancelled ? tr("Import cancelled. %1 added before it stopped are kept.").arg(plays)
                                 : tr("%1 added to your history.").arg(plays);
    if (failed > 0) {
        m_summary += QLatin1Char(' ')
            + (failed == 1 ? tr("1 file could not be imported; the others were.")
                           : tr("%Ln files could not be imported; the others were.", nullptr, failed));
    }
    m_state = State::Finished;
    Q_EMIT changed();
    Q_EMIT progressChanged();
    refreshKnownPlays();
    Q_EMIT finished();
}
