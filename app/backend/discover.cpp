#include "discover.h"

#include "account.h"
#include "engine/hubclient/householdpicks.h"
#include "engine/hubclient/hubledger.h"
#include "engine/spotify/librarywrites.h"
#include "hublink.h"

#include "engine/discover/discovery.h"
#include "engine/store/store.h"

#include <QDateTime>
#include <QJSEngine>
#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDiscoverPage, "tunescout.app.discover")

using engine::DiscoverItem;
using engine::DiscoverList;
using engine::FeedbackKind;

namespace
{

Discover *s_instance = nullptr;

constexpr int ItemsPerList = 20;

// The app's own words for the engine's reasons (DiscoverReason), so that they can be translated; the CLI prints
// the engine's English.
QString explanationOf(DiscoverList list, const DiscoverItem &item)
{
    const engine::DiscoverReason &reason = item.reason;
    switch (list) {
    case DiscoverList::Rediscover:
        return Discover::tr("You played it %Ln times, last in %1", nullptr, reason.playCount)
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(reason.lastPlayedMs).date(),
                                    QStringLiteral("MMMM yyyy")));
    case DiscoverList::DeeperCuts:
        return Discover::tr("A deeper cut from %1, one of your top artists (%Ln plays)", nullptr, reason.playCount)
            .arg(item.artistName);
    case DiscoverList::ForYouNow:
        if (reason.fullPlays > 0) {
            return Discover::tr("You played it to the end %Ln times lately", nullptr, reason.fullPlays);
        }
        break;
    }
    const bool named = !reason.seedName.isEmpty();
    switch (reason.signal) {
    case engine::recommend::Signal::Als:
        return named ? Discover::tr("Because you play %1").arg(reason.seedName) : Discover::tr("Fits what you play");
    case engine::recommend::Signal::Knn:
        return named ? Discover::tr("Listeners of %1 also play this").arg(reason.seedName)
                     : Discover::tr("Listeners like you play this");
    case engine::recommend::Signal::Content:
        return named ? Discover::tr("Similar tags to %1").arg(reason.seedName) : Discover::tr("Tags you like");
    case engine::recommend::Signal::CoListening:
        return named ? Discover::tr("Often played in a session with %1").arg(reason.seedName)
                     : Discover::tr("Often played in your sessions");
    }
    return {};
}

// Why a household pick is listed: who else in the household plays it, or that it fits the household's taste
// (a track the cache knows that the household's model ranks high, though no one here played it).
QString householdExplanationOf(const engine::HouseholdPick &pick)
{
    switch (pick.playedBy.size()) {
    case 0:
        return Discover::tr("Fits what your household plays");
    case 1:
        return Discover::tr("%1 plays this").arg(pick.playedBy.at(0));
    case 2:
        return Discover::tr("%1 and %2 play this").arg(pick.playedBy.at(0), pick.playedBy.at(1));
    default:
        return Discover::tr("%1, %2 and %Ln more in your household play this", nullptr, int(pick.playedBy.size()) - 2)
            .arg(pick.playedBy.at(0), pick.playedBy.at(1));
    }
}

} // namespace

static_assert(Discover::ListCount == engine::kDiscoverListCount);
static_assert(int(Discover::List::ForYouNow) == int(DiscoverList::ForYouNow)
              && int(Discover::List::Rediscover) == int(DiscoverList::Rediscover)
              && int(Discover::List::DeeperCuts) == int(DiscoverList::DeeperCuts));

struct Discover::Engine {
    engine::Discovery discovery;
};

// One ranking, as it comes back from the store's thread.
struct Discover::Ranking {
    engine::DiscoverResult result;
    QSet<QString> liked;
    // The feedback the job was asked to record and could not (the ranking is the one before it).
    std::optional<engine::Error> feedbackError;
    // Household picks: whether this device is paired, and the picks of the model kept for that pairing (none
    // when no model is kept, or it could not be used: householdError).
    bool paired = false;
    std::optional<engine::HouseholdPicks> household;
    QString householdError;
};

namespace
{

// The household picks of the model kept for this cache's pairing, into `ranking`.
void pickForHousehold(engine::Store &store, qint64 nowMs, Discover::Ranking &ranking)
{
    auto ledger = engine::HubLedger::create(store);
    auto pairing =
        ledger ? ledger.value().pairing() : engine::Result<std::optional<engine::HubPairing>>(ledger.error());
    if (!pairing || !pairing.value()) {
        return;
    }
    ranking.paired = true;
    auto models = engine::HubModelRepository::create(store.database());
    auto kept = models ? models.value().load() : engine::Result<std::optional<engine::HubModel>>(models.error());
    if (!kept) {
        ranking.householdError = kept.error().message;
        return;
    }
    const std::optional<engine::HubModel> &model = kept.value();
    if (!model || model->hubUrl != pairing.value()->url || model->householdId != pairing.value()->householdId) {
        return;
    }
    engine::HouseholdPicksOptions options;
    options.nowMs = nowMs;
    options.limit = ItemsPerList;
    options.memberName = pairing.value()->memberName;
    auto picks = engine::householdPicks(store.database(), *model, options);
    if (!picks) {
        ranking.householdError = picks.error().message;
        return;
    }
    ranking.household = std::move(picks).value();
}

} // namespace

Discover::Discover(engine::StoreThread *store, Account *account, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_account(account)
    , m_engine(std::make_shared<Engine>())
    , m_clock([] {
        return QDateTime::currentMSecsSinceEpoch();
    })
    , m_library(store)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    if (m_account) {
        const auto follow = [this] {
            m_library.setClient(m_account->state() == Account::State::SignedIn ? m_account->spotifyClient() : nullptr);
        };
        connect(m_account, &Account::changed, this, follow);
        follow();
    }
    connect(
        &m_library,
        &LibrarySync::failed,
        this,
        [this](const QString &uri, bool saved, const QString &message, bool kept) {
            const QString title = titleOf(uri);
            if (kept) {
                setNotice(
                    saved
                        ? tr("Liked “%1” here; it goes to your Spotify library once Spotify can be reached.").arg(title)
                        : tr("Unliked “%1” here; it leaves your Spotify library once Spotify can be reached.")
                              .arg(title),
                    false);
            } else {
                setNotice(saved ? tr("Liked “%1” here, but Spotify did not save it: %2").arg(title, message)
                                : tr("Unliked “%1” here, but Spotify did not remove it: %2").arg(title, message),
                          true);
            }
        });
    connect(&m_library, &LibrarySync::flushed, this, &Discover::spotifyAnswered);
}

Discover::~Discover()
{
    s_instance = nullptr;
}

Discover *Discover::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "Discover::create", "main() creates Discover before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

Discover::State Discover::state() const
{
    return m_state;
}

bool Discover::busy() const
{
    return m_pending > 0;
}

QString Discover::errorMessage() const
{
    return m_error;
}

QString Discover::notice() const
{
    return m_notice;
}

bool Discover::noticeIsError() const
{
    return m_noticeIsError;
}

bool Discover::isSavingPlaylist() const
{
    return m_savingPlaylist;
}

DiscoverListModel *Discover::forYouNow()
{
    return &m_lists[int(DiscoverList::ForYouNow)];
}

DiscoverListModel *Discover::rediscover()
{
    return &m_lists[int(DiscoverList::Rediscover)];
}

DiscoverListModel *Discover::deeperCuts()
{
    return &m_lists[int(DiscoverList::DeeperCuts)];
}

DiscoverListModel *Discover::householdPicks()
{
    return &m_household;
}

QString Discover::householdText() const
{
    return m_householdText;
}

void Discover::setHubLink(HubLink *hub)
{
    m_hub = hub;
    // A pairing made or left, and a new model, change the household picks; ranking again costs little when
    // nothing else changed (Discovery keeps its ranking).
    connect(m_hub, &HubLink::modelChanged, this, &Discover::historyChanged);
    connect(m_hub, &HubLink::changed, this, [this] {
        if (m_hub->isLoaded() && m_hub->isPaired() != m_hubPaired) {
            m_hubPaired = m_hub->isPaired();
            historyChanged();
        }
    });
}

DiscoverListModel *Discover::listModel(List list)
{
    return list == List::HouseholdPicks ? &m_household : &m_lists[int(list)];
}

void Discover::activate()
{
    if (m_state == State::Idle || m_state == State::Failed) {
        rank(std::nullopt);
        if (m_hub) {
            m_hub->downloadModel();
        }
    }
}

void Discover::like(const QString &trackUri)
{
    record(FeedbackKind::Like, trackUri);
}

void Discover::unlike(const QString &trackUri)
{
    record(FeedbackKind::Unlike, trackUri);
}

void Discover::hideTrack(const QString &trackUri)
{
    record(FeedbackKind::HideTrack, trackUri);
}

void Discover::hideArtist(const QString &artistUri)
{
    record(FeedbackKind::HideArtist, artistUri);
}

void Discover::notNow(const QString &trackUri)
{
    record(FeedbackKind::NotNow, trackUri);
}

void Discover::saveAsPlaylist(List list)
{
    const int index = int(list);
    if (index < 0 || index > int(List::HouseholdPicks) || m_savingPlaylist) {
        return;
    }
    QStringList uris;
    for (const DiscoverListModel::Entry &entry : listModel(list)->entries()) {
        uris.append(entry.uri);
    }
    if (uris.isEmpty()) {
        setNotice(tr("This list is empty: there is nothing to save."), true);
        return;
    }
    engine::SpotifyClient *client = m_account ? m_account->spotifyClient() : nullptr;
    if (!client || m_account->state() != Account::State::SignedIn) {
        setNotice(tr("Sign in with Spotify on the Home page to save a list as a playlist."), true);
        return;
    }
    static const char *const titles[] = {QT_TR_NOOP("For you now"),
                                         QT_TR_NOOP("Rediscover"),
                                         QT_TR_NOOP("Deeper cuts of your top artists"),
                                         QT_TR_NOOP("Household picks")};
    const QString name = tr("TuneScout — %1").arg(tr(titles[index]));
    m_savingPlaylist = true;
    Q_EMIT savingPlaylistChanged();
    engine::createPlaylistWithItems(
        *client,
        name,
        tr("Recommended by TuneScout from your own listening."),
        false,
        uris,
        this,
        [this, name](const engine::SpotifyResult<engine::CreatedPlaylist> &answer) {
            m_savingPlaylist = false;
            Q_EMIT savingPlaylistChanged();
            if (answer) {
                setNotice(
                    tr("Saved “%1” to Spotify with %Ln tracks.", nullptr, int(answer.value().itemsAdded)).arg(name),
                    false);
            } else {
                qCWarning(lcDiscoverPage)
                    << "saving a playlist failed:" << answer.error().kindName() << answer.error().status;
                setNotice(tr("Spotify did not save the playlist: %1").arg(answer.error().message()), true);
            }
            Q_EMIT spotifyAnswered();
        });
}

void Discover::historyChanged()
{
    if (m_state != State::Idle) {
        rank(std::nullopt);
    }
}

void Discover::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

void Discover::record(FeedbackKind kind, const QString &uri)
{
    rank(Feedback{kind, uri, titleOf(uri)});
}

// The name the lists show for a track or an artist URI, for the notice; the URI itself when it is not shown.
QString Discover::titleOf(const QString &uri) const
{
    for (const DiscoverListModel *list : {&m_lists[0], &m_lists[1], &m_lists[2], &m_household}) {
        for (const DiscoverListModel::Entry &entry : list->entries()) {
            if (entry.uri == uri) {
                return entry.title;
            }
            if (entry.artistUri == uri) {
                return entry.artists;
            }
        }
    }
    return uri;
}

void Discover::rank(const std::optional<Feedback> &feedback)
{
    const quint64 request = ++m_request;
    const qint64 now = m_clock();
    if (m_state == State::Idle || m_state == State::Failed) {
        setState(State::Learning);
    }
    ++m_pending;
    if (m_pending == 1) {
        Q_EMIT busyChanged();
    }
    const std::shared_ptr<Engine> discoverEngine = m_engine;
    m_store->post(
        [discoverEngine, now, feedback](engine::Store &store) -> engine::Result<Ranking> {
            auto repository = engine::FeedbackRepository::create(store.database());
            if (!repository) {
                return repository.error();
            }
            Ranking ranking;
            if (feedback) {
                const auto recorded = repository.value().record(feedback->kind, feedback->uri, now);
                if (!recorded) {
                    ranking.feedbackError = recorded.error();
                }
            }
            engine::DiscoverOptions options;
            options.nowMs = now;
            options.limit = ItemsPerList;
            auto result = discoverEngine->discovery.recommend(store.database(), options);
            if (!result) {
                return result.error();
            }
            ranking.result = std::move(result).value();
            const auto state = repository.value().state(now);
            if (!state) {
                return state.error();
            }
            ranking.liked = state.value().liked;
            pickForHousehold(store, now, ranking);
            return ranking;
        },
        this,
        [this, request, feedback](engine::Result<Ranking> answer) {
            --m_pending;
            if (answer && answer.value().feedbackError) {
                qCWarning(lcDiscoverPage) << "feedback not recorded:" << answer.value().feedbackError->message;
                setNotice(tr("Could not save that: %1").arg(answer.value().feedbackError->message), true);
            } else if (feedback && answer) {
                switch (feedback->kind) {
                case FeedbackKind::Like:
                    setNotice(tr("Liked “%1”.").arg(feedback->title), false);
                    m_library.flush();
                    break;
                case FeedbackKind::Unlike:
                    setNotice(tr("No longer liked: “%1”.").arg(feedback->title), false);
                    m_library.flush();
                    break;
                case FeedbackKind::HideTrack:
                    setNotice(tr("“%1” will not be recommended again.").arg(feedback->title), false);
                    break;
                case FeedbackKind::HideArtist:
                    setNotice(tr("Nothing by %1 will be recommended again.").arg(feedback->title), false);
                    break;
                case FeedbackKind::NotNow:
                    setNotice(tr("“%1” is left out for a week.").arg(feedback->title), false);
                    break;
                case FeedbackKind::Skip:
                case FeedbackKind::FullPlay:
                    // Recorded by the player from what the user does, never from this page.
                    break;
                }
            }
            if (request == m_request) {
                if (answer) {
                    show(answer.value());
                } else {
                    qCWarning(lcDiscoverPage) << "ranking failed:" << answer.error().message;
                    if (feedback) {
                        setNotice(tr("Could not save that: %1").arg(answer.error().message), true);
                    }
                    if (m_state != State::Ready) {
                        setState(State::Failed, answer.error().message);
                    }
                }
            }
            if (m_pending == 0) {
                Q_EMIT busyChanged();
            }
            if (request == m_request) {
                Q_EMIT ranked();
            }
        });
}

void Discover::show(const Ranking &ranking)
{
    for (int l = 0; l < engine::kDiscoverListCount; ++l) {
        QList<DiscoverListModel::Entry> entries;
        entries.reserve(ranking.result.lists[l].size());
        for (const DiscoverItem &item : ranking.result.lists[l]) {
            entries.append({item.trackName,
                            item.artistName,
                            item.albumName,
                            explanationOf(DiscoverList(l), item),
                            item.trackUri,
                            item.artistUri,
                            ranking.liked.contains(item.trackUri)});
        }
        m_lists[l].setEntries(entries);
    }
    QList<DiscoverListModel::Entry> picks;
    QString householdText;
    if (!ranking.paired) {
        householdText = tr("Pair this computer with your household hub in Settings to see what your household plays.");
    } else if (!ranking.householdError.isEmpty()) {
        qCWarning(lcDiscoverPage).noquote() << "household picks failed:" << ranking.householdError;
        householdText = tr("Household picks could not be computed: %1").arg(ranking.householdError);
    } else if (!ranking.household) {
        householdText = tr("Your household hub has not trained a model yet; picks appear after its next training.");
    } else if (ranking.household->playedInModel == 0) {
        householdText =
            tr("The household model does not know your plays yet; they count from the hub's next training.");
    } else if (ranking.household->items.isEmpty()) {
        householdText = tr("Nothing new from your household right now.");
    }
    if (ranking.household) {
        for (const engine::HouseholdPick &pick : ranking.household->items) {
            picks.append({pick.trackName,
                          pick.artistName,
                          pick.albumName,
                          householdExplanationOf(pick),
                          pick.trackUri,
                          pick.artistUri,
                          ranking.liked.contains(pick.trackUri)});
        }
    }
    m_household.setEntries(picks);
    if (householdText != m_householdText) {
        m_householdText = householdText;
        Q_EMIT householdChanged();
    }
    setState(ranking.result.trainedTracks == 0 ? State::Empty : State::Ready);
}

void Discover::setState(State state, const QString &error)
{
    if (state == m_state && error == m_error) {
        return;
    }
    m_state = state;
    m_error = error;
    Q_EMIT stateChanged();
}

void Discover::setNotice(const QString &notice, bool error)
{
    m_notice = notice;
    m_noticeIsError = error;
    Q_EMIT noticeChanged();
}
