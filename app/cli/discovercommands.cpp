#include "app/cli/discovercommands.h"

#include "app/cli/console.h"
#include "app/cli/exitcodes.h"
#include "engine/discover/discovery.h"
#include "engine/hubclient/householdpicks.h"
#include "engine/hubclient/hubclient.h"
#include "engine/hubclient/hubledger.h"
#include "engine/hubclient/hubmodel.h"
#include "engine/spotify/secretstore.h"
#include "engine/store/store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

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

// The household picks of the model kept for this cache's pairing: nullopt when not paired, `note` says why
// there are none (no model yet, or it could not be used).
struct Household {
    std::optional<HouseholdPicks> picks;
    QString note;
};

std::optional<Household> householdOf(Store &store, int limit)
{
    auto ledger = HubLedger::create(store);
    const auto pairing = ledger ? ledger.value().pairing() : Result<std::optional<HubPairing>>(ledger.error());
    if (!pairing || !pairing.value()) {
        return std::nullopt;
    }
    Household household;
    auto models = HubModelRepository::create(store.database());
    const auto kept = models ? models.value().load() : Result<std::optional<HubModel>>(models.error());
    if (!kept) {
        household.note = kept.error().message;
        return household;
    }
    const std::optional<HubModel> &model = kept.value();
    if (!model || model->hubUrl != pairing.value()->url || model->householdId != pairing.value()->householdId) {
        household.note = QStringLiteral("No household model yet: 'tunescout-cli recommend --household' asks the hub.");
        return household;
    }
    HouseholdPicksOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    options.limit = limit;
    options.memberName = pairing.value()->memberName;
    auto picks = householdPicks(store.database(), *model, options);
    if (!picks) {
        household.note = picks.error().message;
        return household;
    }
    if (picks.value().playedInModel == 0) {
        household.note = QStringLiteral("The household model (version %1) does not know your plays yet; they count "
                                        "from the hub's next training.")
                             .arg(picks.value().modelVersion);
    }
    household.picks = std::move(picks).value();
    return household;
}

QString playedByText(const QStringList &members)
{
    if (members.isEmpty()) {
        return QStringLiteral("Fits what your household plays");
    }
    return members.size() == 1 ? QStringLiteral("%1 plays this").arg(members.first())
                               : QStringLiteral("%1 play this").arg(members.join(QStringLiteral(", ")));
}

QJsonArray picksJson(const HouseholdPicks &picks)
{
    QJsonArray items;
    for (const HouseholdPick &pick : picks.items) {
        QJsonObject object{{QStringLiteral("track_uri"), pick.trackUri},
                           {QStringLiteral("track_name"), pick.trackName},
                           {QStringLiteral("artist_name"), pick.artistName},
                           {QStringLiteral("album_name"), pick.albumName},
                           {QStringLiteral("score"), double(pick.score)},
                           {QStringLiteral("played_by"), QJsonArray::fromStringList(pick.playedBy)},
                           {QStringLiteral("explanation"), playedByText(pick.playedBy)}};
        if (!pick.artistUri.isEmpty()) {
            object.insert(QStringLiteral("artist_uri"), pick.artistUri);
        }
        items.append(object);
    }
    return items;
}

void printHousehold(const Household &household)
{
    out() << "Household picks\n";
    if (!household.note.isEmpty()) {
        out() << "     " << household.note << '\n';
    } else if (household.picks->items.isEmpty()) {
        out() << "     (nothing new from your household)\n";
    }
    int rank = 0;
    for (const HouseholdPick &pick : household.picks ? household.picks->items : QList<HouseholdPick>()) {
        out() << QStringLiteral("%1. ").arg(++rank, 3) << pick.trackName;
        if (!pick.artistName.isEmpty()) {
            out() << " — " << pick.artistName;
        }
        out() << '\n' << "     " << playedByText(pick.playedBy) << "  (" << pick.trackUri << ")\n";
    }
}

// recommend --household: a newer model from the hub if there is one, then the picks.
int runHouseholdPicks(std::unique_ptr<Store> store, int limit, bool json)
{
    KeychainSecretStore keychain;
    QNetworkAccessManager network;
    const HubClient::StoreRunner runner = [&store, &network](std::function<void(Store &)> work,
                                                             std::function<void()> then) {
        work(*store);
        QTimer::singleShot(0, &network, std::move(then));
    };
    HubClient client(runner, &keychain, &network);
    std::optional<HubModelReport> report;
    downloadHubModel(client, runner, [&report](const HubModelReport &r) {
        report = r;
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    switch (report->outcome) {
    case HubModelReport::Outcome::NotPaired:
    case HubModelReport::Outcome::Revoked:
        err() << report->message << " Pair with 'tunescout-cli hub pair URL CODE'.\n";
        return UserActionNeeded;
    case HubModelReport::Outcome::NoModel:
    case HubModelReport::Outcome::Failed:
        // The model kept from an earlier download (if any) still gives picks.
        err() << "The hub's model was not downloaded: " << report->message << '\n';
        break;
    case HubModelReport::Outcome::Downloaded:
    case HubModelReport::Outcome::Unchanged:
        break;
    }
    const std::optional<Household> household = householdOf(*store, limit);
    if (!household) {
        return UserActionNeeded;
    }
    if (json) {
        QJsonObject object{
            {QStringLiteral("model_version"), double(report->version)},
            {QStringLiteral("household_picks"), household->picks ? picksJson(*household->picks) : QJsonArray()}};
        if (!household->note.isEmpty()) {
            object.insert(QStringLiteral("note"), household->note);
        }
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        printHousehold(*household);
    }
    return household->picks || report->outcome == HubModelReport::Outcome::NoModel ? Success : Failure;
}

} // namespace

int runRecommend(const QString &dataDir, int limit, bool json, bool household)
{
    auto store = cli::openStoreReporting(dataDir);
    if (!store) {
        return Failure;
    }
    if (household) {
        return runHouseholdPicks(std::move(store), limit, json);
    }
    Discovery discovery;
    const auto result = discovery.recommend(store->database(), optionsFor(limit));
    if (!result) {
        err() << "Could not compute recommendations: " << result.error().message << '\n';
        return Failure;
    }
    const DiscoverResult &r = result.value();
    const std::optional<Household> householdPicks = householdOf(*store, limit);
    if (json) {
        QJsonObject lists;
        for (int l = 0; l < kDiscoverListCount; ++l) {
            QJsonArray items;
            for (const DiscoverItem &item : r.lists[l]) {
                items.append(itemJson(item));
            }
            lists.insert(discoverListName(DiscoverList(l)), items);
        }
        if (householdPicks) {
            lists.insert(QStringLiteral("household_picks"),
                         householdPicks->picks ? picksJson(*householdPicks->picks) : QJsonArray());
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
    if (householdPicks) {
        printHousehold(*householdPicks);
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
