#include "app/cli/enrichcommand.h"

#include "app/cli/exitcodes.h"
#include "engine/enrich/enrichjob.h"
#include "engine/ingest/storethread.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace engine;

int runEnrich(const ClientConfig &config, int limit)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto endpoint = MusicBrainzEndpoint::fromEnvironment(QProcessEnvironment::systemEnvironment());
    if (!endpoint) {
        err << endpoint.error().message << '\n';
        return Usage;
    }
    StoreThread store;
    EnrichJob job(&store, endpoint.value());
    EnrichPolicy policy;
    policy.limit = limit;
    job.setPolicy(policy);
    QElapsedTimer elapsed;
    int exitCode = Failure;

    QObject::connect(&job,
                     &EnrichJob::lookedUp,
                     &job,
                     [&](const QString &isrc, TagLookupStatus status, const SavedTags &saved) {
                         err << '[' << job.done() << '/' << job.total() << "] " << isrc << ' '
                             << tagLookupStatusName(status);
                         if (status == TagLookupStatus::Found) {
                             err << ": " << saved.trackTags << " track tags, " << saved.artistTags << " artist tags";
                         }
                         err << '\n';
                         err.flush();
                     });
    QObject::connect(&job, &EnrichJob::finished, &job, [&](const EnrichSummary &summary) {
        out << QStringLiteral("Looked up %1 ISRCs at MusicBrainz in %2 s: %3 found, %4 not found, %5 failed; %6 "
                              "left for a later run.\n")
                   .arg(summary.found + summary.notFound + summary.failed)
                   .arg(elapsed.elapsed() / 1000)
                   .arg(summary.found)
                   .arg(summary.notFound)
                   .arg(summary.failed)
                   .arg(summary.remaining);
        out.flush();
        if (!summary.error.isEmpty()) {
            err << summary.error << '\n';
        }
        exitCode = summary.error.isEmpty() ? Success : Failure;
        store.stop();
        QCoreApplication::quit();
    });
    store.open(config.dataDir, &store, [&](const StoreStatus &status) {
        if (status.state != StoreStatus::State::Ready && status.state != StoreStatus::State::Recovered) {
            err << status.message << '\n';
            store.stop();
            QCoreApplication::quit();
            return;
        }
        if (!status.message.isEmpty()) {
            err << status.message << '\n';
        }
        err << "Asking MusicBrainz (" << endpoint.value().baseUrl.toString() << ") for the tags of at most " << limit
            << " ISRCs, one a second. Only ISRCs are sent.\n";
        err.flush();
        elapsed.start();
        job.start();
    });
    QCoreApplication::exec();
    return exitCode;
}
