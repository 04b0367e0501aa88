#include "app/cli/discovercommands.h"

#include "app/cli/console.h"
#include "app/cli/exitcodes.h"
#include "engine/discover/discovery.h"
#include "engine/store/store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace engine;

namespace
{

using cli::err;
using cli::out;

DiscoverOptions optionsFor(int limit)
{
    DiscoverOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    options.limit = limit;
    return options;
}

QJsonObject itemJson(const DiscoverItem &item)
{
    QJsonObject object{{QStringLiteral("track_uri"), item.trackUri},
                       {QStringLiteral("track_name"), item.trackName},
                       {QStringLiteral("artist_name"), item.artistName},
                       {QStringLiteral("album_name"), item.albumName},
                       {QStringLiteral("score"), double(item.score)},
                       {QStringLiteral("explanation"), item.reason.explanation}};
    if (!item.artistUri.isEmpty()) {
        object.insert(QStringLiteral("artist_uri"), item.artistUri);
    }
    return object;
}

void printItems(const QList<DiscoverItem> &items)
{
    int rank = 0;
    for (const DiscoverItem &item : items) {
        out() << QStringLiteral("%1. ").arg(++rank, 3) << item.trackName << " — " << item.artistName << '\n'
              << "     " << item.reason.explanation << "  (" << item.trackUri << ")\n";
    }
}

const char *listTitle(DiscoverList list)
{
    switch (list) {
    case DiscoverList::ForYouNow:
        return "For you now";
    case DiscoverList::Rediscover:
        return "Rediscover";
    case DiscoverList::DeeperCuts:
        return "Deeper cuts of your top artists";
    }
    return "";
}

} // namespace

int runRecommend(const QString &dataDir, int limit, bool json)
{
    const auto store = cli::openStoreReporting(dataDir);
    if (!store) {
        return Failure;
    }
    Discovery discovery;
    const auto result = discovery.recommend(store->database(), optionsFor(limit));
    if (!result) {
        err() << "Could not compute recommendations: " << result.error().message << '\n';
        return Failure;
    }
    const DiscoverResult &r = result.value();
    if (json) {
        QJsonObject lists;
        for (int l = 0; l < kDiscoverListCount; ++l) {
            QJsonArray items;
            for (const DiscoverItem &item : r.lists[l]) {
                items.append(itemJson(item));
            }
            lists.insert(discoverListName(DiscoverList(l)), items);
        }
        out() << QJsonDocument(QJsonObject{{QStringLiteral("trained_tracks"), r.trainedTracks},
                                           {QStringLiteral("trained_rows"), r.trainedRows},
                                           {QStringLiteral("lists"), lists}})
                     .toJson(QJsonDocument::Indented);
        return Success;
    }
    if (r.trainedTracks == 0) {
        out() << "Nothing to recommend from yet: import your history (tunescout-cli import) or sync "
                 "(tunescout-cli sync) first.\n";
        return Success;
    }
    for (int l = 0; l < kDiscoverListCount; ++l) {
        out() << listTitle(DiscoverList(l)) << '\n';
        if (r.lists[l].isEmpty()) {
            out() << "     (nothing yet)\n";
        }
        printItems(r.lists[l]);
        out() << '\n';
    }
    return Success;
}

int runSimilar(const QString &dataDir, const QString &uri, int limit, bool json)
{
    if (!isSpotifyUri(uri, QLatin1String("track"))) {
        err() << "'" << uri << "' is not a Spotify track URI (spotify:track:<id>).\n";
        return Usage;
    }
    const auto store = cli::openStoreReporting(dataDir);
    if (!store) {
        return Failure;
    }
    Discovery discovery;
    const auto result = discovery.similar(store->database(), uri, limit, optionsFor(limit));
    if (!result) {
        err() << result.error().message << '\n';
        return result.error().code == Error::Code::NotFound || result.error().code == Error::Code::InvalidInput
            ? Usage
            : Failure;
    }
    const SimilarResult &r = result.value();
    if (json) {
        QJsonArray items;
        for (const DiscoverItem &item : r.items) {
            items.append(itemJson(item));
        }
        out() << QJsonDocument(
                     QJsonObject{{QStringLiteral("seed"), itemJson(r.seed)}, {QStringLiteral("items"), items}})
                     .toJson(QJsonDocument::Indented);
        return Success;
    }
    out() << "Like " << r.seed.trackName << " — " << r.seed.artistName << ":\n";
    if (r.items.isEmpty()) {
        out() << "     (nothing similar in the cache yet)\n";
    }
    printItems(r.items);
    return Success;
}
