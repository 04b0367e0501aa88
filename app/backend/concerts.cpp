#include "concerts.h"

#include "engine/concerts/ics.h"
#include "engine/store/store.h"
#include "hublink.h"

#include <QDateTime>
#include <QDir>
#include <QJSEngine>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

#include <cmath>

Q_LOGGING_CATEGORY(lcConcertsPage, "tunescout.app.concerts")

using engine::ConcertSearch;
using engine::Error;
using engine::FoundConcert;
using engine::Result;

namespace
{

Concerts *s_instance = nullptr;

// Artists asked about per search beyond the followed and top ones: the most played in the cache (as the CLI does).
constexpr int kMostPlayedArtists = 50;

} // namespace

struct Concerts::Engine {
    std::vector<std::unique_ptr<engine::ConcertProvider>> providers;
    std::unique_ptr<engine::ConcertFinder> finder;
};

Concerts::Concerts(engine::StoreThread *store, const ClientConfig &config, HubLink *hub, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_config(config)
    , m_engine(std::make_shared<Engine>())
    , m_hub(hub)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    m_state = idleState();
    if (m_hub) {
        connect(m_hub, &HubLink::changed, this, &Concerts::hubChanged);
    }
}

Concerts::State Concerts::idleState() const
{
    if (m_hub && m_hub->isPaired()) {
        return State::Idle; // the hub knows the household's home and asks the providers
    }
    if (!m_config.concertLocation) {
        return State::NeedsPlace;
    }
    if (m_config.concertProviders.ticketmasterKey.isEmpty() && m_config.concertProviders.seatGeekClientId.isEmpty()) {
        return State::NeedsProvider;
    }
    return State::Idle;
}

void Concerts::hubChanged()
{
    if (m_hub->isPaired() == m_fromHub || m_state == State::NeedsPlace || m_state == State::NeedsProvider
        || m_state == State::Idle) {
        if (m_state == State::NeedsPlace || m_state == State::NeedsProvider || m_state == State::Idle) {
            setState(idleState());
        }
        return;
    }
    // Paired or unpaired while shows of the other source are listed: ask the source that now applies.
    if (m_state == State::Loading) {
        m_searchAgain = true;
        return;
    }
    m_found.clear();
    m_who.clear();
    m_entries.clear();
    applyFilters();
    m_providerNotice.clear();
    setState(idleState());
    if (m_state == State::Idle) {
        search();
    }
}

Concerts::~Concerts()
{
    s_instance = nullptr;
    // The finder and its providers were made on the store's thread and use its database: they end there, before
    // the store closes (StoreThread::stop runs the jobs already posted first).
    m_store->post(
        [engine = m_engine](engine::Store &) -> Result<void> {
            engine->finder.reset();
            engine->providers.clear();
            return {};
        },
        nullptr,
        [](const Result<void> &) {});
}

Concerts *Concerts::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "Concerts::create", "main() creates Concerts before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

Concerts::State Concerts::state() const
{
    return m_state;
}

QString Concerts::errorMessage() const
{
    return m_error;
}

QString Concerts::providerNotice() const
{
    return m_providerNotice;
}

QString Concerts::place() const
{
    if (m_fromHub) {
        return m_hubPlace;
    }
    return m_config.concertLocation ? m_config.concertLocation->name : QString();
}

double Concerts::radiusKm() const
{
    return m_fromHub ? m_hubRadiusKm : m_config.concertRadiusKm;
}

bool Concerts::fromHub() const
{
    return m_fromHub;
}

double Concerts::maxRadiusKm() const
{
    return engine::kMaxConcertRadiusKm;
}

QString Concerts::placeError() const
{
    return m_placeError;
}

QString Concerts::notice() const
{
    return m_notice;
}

bool Concerts::noticeIsError() const
{
    return m_noticeIsError;
}

QString Concerts::artistFilter() const
{
    return m_artistFilter;
}

void Concerts::setArtistFilter(const QString &filter)
{
    if (filter == m_artistFilter) {
        return;
    }
    m_artistFilter = filter;
    applyFilters();
    Q_EMIT filtersChanged();
}

double Concerts::maxDistanceKm() const
{
    return m_maxDistanceKm;
}

void Concerts::setMaxDistanceKm(double km)
{
    km = std::max(0.0, km);
    if (km == m_maxDistanceKm) {
        return;
    }
    m_maxDistanceKm = km;
    applyFilters();
    Q_EMIT filtersChanged();
}

int Concerts::totalCount() const
{
    return int(m_found.size());
}

ConcertListModel *Concerts::shows()
{
    return &m_shows;
}

void Concerts::activate()
{
    if (m_state == State::Idle || m_state == State::Failed) {
        search();
    }
}

void Concerts::refresh()
{
    search();
}

void Concerts::setFinderPolicy(const engine::ConcertFinderPolicy &policy)
{
    m_policy = policy;
}

bool Concerts::savePlace(const QString &place, const QString &radiusKm)
{
    auto fail = [this](const QString &message) {
        m_placeError = message;
        Q_EMIT placeErrorChanged();
        return false;
    };
    const auto radius = engine::parseConcertRadius(radiusKm.trimmed(), tr("The radius"));
    if (!radius) {
        return fail(radius.error().message);
    }
    const auto location = engine::parseConcertLocation(place.trimmed(), radius.value());
    if (!location) {
        return fail(location.error().message);
    }
    QSettings settings(m_config.settingsPath, QSettings::IniFormat);
    settings.setValue(QStringLiteral("concerts/near"), place.trimmed());
    settings.setValue(QStringLiteral("concerts/radius_km"), radius.value());
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        return fail(tr("Could not write %1: check that the folder exists and is writable.").arg(m_config.settingsPath));
    }
    // Read back as the app reads it at start, so that what is shown is what the next start will use (an environment
    // variable, say, still wins).
    ClientConfig reloaded = m_config;
    const auto loaded = ClientConfig::loadConcertSettings(reloaded, QProcessEnvironment::systemEnvironment(), settings);
    if (!loaded) {
        return fail(loaded.error().message);
    }
    // Only the place and radius: the providers were made from the configuration read at start.
    m_config.concertLocation = reloaded.concertLocation;
    m_config.concertRadiusKm = reloaded.concertRadiusKm;
    m_placeError.clear();
    Q_EMIT placeErrorChanged();
    Q_EMIT placeChanged();
    // The shows were for the old place. The Concerts page searches again when it is next shown (activate()): the
    // place is saved from Settings, and a page laid out while hidden would only be laid out again.
    m_found.clear();
    m_entries.clear();
    applyFilters();
    m_providerNotice.clear();
    if (m_state == State::Loading) {
        m_searchAgain = true;
    } else {
        setState(State::Idle);
    }
    return true;
}

QUrl Concerts::suggestedCalendarFile(int index) const
{
    if (index < 0 || index >= m_found.size()) {
        return QUrl();
    }
    const FoundConcert &found = m_found.at(index);
    QString name = found.artist.name + QLatin1Char(' ') + found.event.localDate.toString(Qt::ISODate);
    name.replace(QRegularExpression(QStringLiteral("[^\\w\\- ]+")), QStringLiteral("_"));
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (folder.isEmpty()) {
        folder = QDir::homePath();
    }
    return QUrl::fromLocalFile(QDir(folder).filePath(name + QStringLiteral(".ics")));
}

bool Concerts::saveToCalendar(int index, const QUrl &file)
{
    if (index < 0 || index >= m_found.size()) {
        setNotice(tr("That show is no longer listed: refresh and try again."), true);
        return false;
    }
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (path.isEmpty()) {
        setNotice(tr("Choose a file to save the calendar entry to."), true);
        return false;
    }
    const FoundConcert &found = m_found.at(index);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)
        || out.write(engine::concertsToIcs({found.event}, QDateTime::currentDateTimeUtc())) < 0 || !out.commit()) {
        setNotice(tr("Could not write %1: %2").arg(path, out.errorString()), true);
        return false;
    }
    setNotice(tr("Saved %1 on %2 to %3: open it with your calendar.")
                  .arg(found.artist.name, QLocale().toString(found.event.localDate, QLocale::ShortFormat), path),
              false);
    return true;
}

void Concerts::search()
{
    if (m_hub && m_hub->isPaired()) {
        searchHub();
        return;
    }
    if (!m_config.concertLocation) {
        setState(State::NeedsPlace);
        return;
    }
    const engine::ConcertProvidersConfig providers = m_config.concertProviders;
    if (providers.ticketmasterKey.isEmpty() && providers.seatGeekClientId.isEmpty()) {
        setState(State::NeedsProvider);
        return;
    }
    if (m_state == State::Loading) {
        m_searchAgain = true;
        return;
    }
    setState(State::Loading);
    engine::ConcertLocation location = *m_config.concertLocation;
    location.radiusKm = m_config.concertRadiusKm;
    const engine::ConcertFinderPolicy policy = m_policy;
    // The answer comes back on the StoreThread object's thread, the GUI thread, and reaches this object only while
    // it exists; `guard` is read there only.
    const QPointer<Concerts> guard(this);
    QObject *const gui = m_store;
    auto deliver = [guard, gui, policy](const Result<ConcertSearch> &answer) {
        const qint64 nowMs = policy.nowMs();
        QMetaObject::invokeMethod(
            gui,
            [guard, answer, nowMs] {
                if (guard) {
                    guard->show(answer, nowMs);
                }
            },
            Qt::QueuedConnection);
    };
    m_store->post(
        [engine = m_engine, providers, location, policy, deliver](engine::Store &store) -> Result<bool> {
            const auto artists = engine::loadUserArtists(store.database(), kMostPlayedArtists);
            if (!artists) {
                return artists.error();
            }
            if (artists.value().isEmpty()) {
                return false;
            }
            if (!engine->finder) {
                if (!providers.ticketmasterKey.isEmpty()) {
                    engine->providers.push_back(
                        std::make_unique<engine::TicketmasterProvider>(providers.ticketmasterUrl,
                                                                       providers.ticketmasterKey));
                }
                if (!providers.seatGeekClientId.isEmpty()) {
                    engine->providers.push_back(
                        std::make_unique<engine::SeatGeekProvider>(providers.seatGeekUrl, providers.seatGeekClientId));
                }
                QList<engine::ConcertProvider *> list;
                for (const auto &provider : engine->providers) {
                    list.append(provider.get());
                }
                engine->finder = std::make_unique<engine::ConcertFinder>(store.database(), list);
            }
            engine->finder->setPolicy(policy);
            engine->finder->find(artists.value(), location, deliver);
            return true;
        },
        this,
        [this](const Result<bool> &started) {
            // A search that started answers through show(), possibly before this.
            if (!started) {
                show(started.error(), QDateTime::currentMSecsSinceEpoch());
            } else if (!started.value()) {
                m_found.clear();
                m_entries.clear();
                applyFilters();
                setState(State::NoArtists);
                Q_EMIT searched();
            }
        });
}

QString Concerts::whyOf(qsizetype index) const
{
    const FoundConcert &found = m_found.at(index);
    const QString artist = found.artist.name;
    if (index < m_who.size()) {
        // The household hub's `who`: the members who play the artist (plays or top artists) and who follow it.
        QStringList players;
        QStringList followers;
        bool youPlay = false;
        bool youFollow = false;
        for (const engine::HouseholdListener &member : m_who.at(index)) {
            const bool plays = member.plays > 0 || member.topRank > 0;
            if (member.you) {
                youPlay = youPlay || plays;
                youFollow = youFollow || member.follows;
                continue;
            }
            if (plays) {
                players.append(member.displayName);
            }
            if (member.follows) {
                followers.append(member.displayName);
            }
        }
        const QLocale locale;
        QStringList reasons;
        if (youPlay && !players.isEmpty()) {
            reasons.append(tr("%1 and you play %2", "names of household members; the artist", int(players.size()))
                               .arg(locale.createSeparatedList(players), artist));
        } else if (youPlay) {
            reasons.append(tr("You play %1").arg(artist));
        } else if (!players.isEmpty()) {
            reasons.append(tr("%1 plays %2", "names of household members; the artist", int(players.size()))
                               .arg(locale.createSeparatedList(players), artist));
        }
        if (youFollow) {
            reasons.append(tr("You follow %1").arg(artist));
        }
        if (!followers.isEmpty()) {
            reasons.append(tr("%1 follows %2", "names of household members; the artist", int(followers.size()))
                               .arg(locale.createSeparatedList(followers), artist));
        }
        return reasons.join(QStringLiteral(" · "));
    }
    QStringList reasons;
    if (found.artist.followed) {
        reasons.append(tr("You follow %1").arg(artist));
    }
    if (found.artist.topRank > 0) {
        reasons.append(tr("In your top artists (#%1)").arg(found.artist.topRank));
    }
    if (found.artist.plays > 0) {
        reasons.append(tr("You played %1 %Ln times", nullptr, found.artist.plays).arg(artist));
    }
    return reasons.join(QStringLiteral(" · "));
}

void Concerts::searchHub()
{
    if (m_state == State::Loading) {
        m_searchAgain = true;
        return;
    }
    setState(State::Loading);
    const qint64 household = m_hub->householdId();
    const QPointer<Concerts> guard(this);
    m_hub->client().get(
        QStringLiteral("/api/v1/concerts"),
        {},
        [this, guard, household](const engine::HubReadReply &reply) {
            if (!guard) {
                return;
            }
            const bool answered = reply.outcome == engine::HubReadReply::Outcome::Ok;
            const QJsonObject answer = reply.json;
            const QString hubError = answered ? QString() : reply.message;
            // Saved on an answer, read back from the cache otherwise, on the store's thread.
            m_store->post(
                [household, answered, answer](engine::Store &store) -> Result<engine::HouseholdConcerts> {
                    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
                    if (answered) {
                        auto parsed = engine::parseHouseholdConcerts(answer, nowMs);
                        if (!parsed) {
                            return parsed.error();
                        }
                        if (auto saved = engine::saveHouseholdConcerts(store.database(), household, answer, nowMs);
                            !saved) {
                            qCWarning(lcConcertsPage).noquote()
                                << "could not cache the hub's concerts:" << saved.error().message;
                        }
                        return parsed;
                    }
                    auto cached = engine::loadHouseholdConcerts(store.database(), household);
                    if (!cached) {
                        return cached.error();
                    }
                    if (!cached.value()) {
                        return Error{Error::Code::Unavailable, QString()};
                    }
                    return *cached.value();
                },
                this,
                [this, hubError](const Result<engine::HouseholdConcerts> &concerts) {
                    showHub(concerts, hubError);
                });
        });
}

void Concerts::showHub(const Result<engine::HouseholdConcerts> &concerts, const QString &hubError)
{
    m_fromHub = true;
    if (!concerts) {
        // Nothing cached (or the cache unreadable): the hub's own words say what to do.
        const QString message = hubError.isEmpty() ? concerts.error().message
            : concerts.error().message.isEmpty()   ? hubError
                                                   : hubError + QLatin1Char('\n') + concerts.error().message;
        qCWarning(lcConcertsPage).noquote() << "household concerts unavailable:" << message;
        m_found.clear();
        m_who.clear();
        m_entries.clear();
        applyFilters();
        setState(State::Failed, message);
    } else {
        const engine::HouseholdConcerts &household = concerts.value();
        m_hubPlace = household.homePlace;
        m_hubRadiusKm = household.radiusKm;
        Q_EMIT placeChanged();
        QList<FoundConcert> found;
        m_who.clear();
        for (const engine::HouseholdConcert &concert : household.concerts) {
            FoundConcert entry;
            entry.event = concert.event;
            entry.artist.spotifyId = concert.artistUri.section(QLatin1Char(':'), 2);
            entry.artist.name = concert.artistName;
            entry.match.headliner = concert.headliner;
            entry.distanceKm = concert.distanceKm;
            entry.fetchedAtMs = concert.fetchedAtMs;
            entry.stale = concert.stale;
            found.append(entry);
            m_who.append(concert.who);
        }
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        m_found = found;
        formatEntries(nowMs);
        if (hubError.isEmpty()) {
            m_providerNotice.clear();
        } else {
            const qint64 hours = std::max<qint64>(0, (nowMs - household.receivedAtMs) / (60 * 60 * 1000));
            const QString age =
                hours < 48 ? tr("%n hour(s) ago", nullptr, int(hours)) : tr("%n day(s) ago", nullptr, int(hours / 24));
            m_providerNotice = tr("%1 Showing what the household hub listed %2.").arg(hubError, age);
        }
        applyFilters();
        setState(State::Ready);
        Q_EMIT stateChanged();
    }
    Q_EMIT searched();
    if (m_searchAgain) {
        m_searchAgain = false;
        search();
    }
}

void Concerts::show(const Result<ConcertSearch> &answer, qint64 nowMs)
{
    if (!answer) {
        qCWarning(lcConcertsPage) << "concert search failed:" << answer.error().message;
        setState(State::Failed, answer.error().message);
    } else {
        const ConcertSearch &search = answer.value();
        m_fromHub = false;
        m_who.clear();
        m_found = search.concerts;
        formatEntries(nowMs);
        QStringList notices;
        for (const engine::ProviderOutcome &provider : search.providers) {
            if (provider.error.isEmpty()) {
                continue;
            }
            notices.append(provider.stale > 0
                               ? tr("%1 Showing what %2 listed before.").arg(provider.error, provider.provider)
                               : provider.error);
        }
        m_providerNotice = notices.join(QLatin1Char('\n'));
        applyFilters();
        setState(State::Ready);
        // The state may not change (Ready to Ready) while the list and notice did.
        Q_EMIT stateChanged();
    }
    Q_EMIT searched();
    if (m_searchAgain) {
        m_searchAgain = false;
        search();
    }
}

void Concerts::formatEntries(qint64 nowMs)
{
    const QLocale locale;
    m_entries.clear();
    for (qsizetype i = 0; i < m_found.size(); ++i) {
        const FoundConcert &found = m_found.at(i);
        ConcertListModel::Entry entry;
        entry.artist = found.artist.name;
        entry.event =
            found.event.name.compare(found.artist.name, Qt::CaseInsensitive) == 0 ? QString() : found.event.name;
        entry.date = locale.toString(found.event.localDate, QStringLiteral("ddd d MMM"));
        entry.time = found.event.localTime.isValid()
            ? locale.toString(found.event.localTime, tr("HH:mm", "time format: hour and minute"))
            : QString();
        entry.month = locale.toString(found.event.localDate, QStringLiteral("MMMM yyyy"));
        entry.venue = found.event.venueName;
        entry.city = found.event.city;
        entry.distance = found.distanceKm ? tr("%1 km").arg(qRound(*found.distanceKm)) : QString();
        entry.why = whyOf(i);
        entry.ticketUrl = found.event.ticketUrl;
        entry.provider = found.event.provider;
        entry.stale = found.stale;
        if (found.stale) {
            const qint64 hours = std::max<qint64>(0, (nowMs - found.fetchedAtMs) / (60 * 60 * 1000));
            entry.staleAge = hours < 48
                ? tr("Listed %n hour(s) ago: the provider could not be asked now", nullptr, int(hours))
                : tr("Listed %n day(s) ago: the provider could not be asked now", nullptr, int(hours / 24));
        }
        entry.support = !found.match.headliner;
        entry.showIndex = int(i);
        m_entries.append(entry);
    }
}

void Concerts::applyFilters()
{
    const QString needle = m_artistFilter.trimmed();
    QList<ConcertListModel::Entry> shown;
    for (const ConcertListModel::Entry &entry : std::as_const(m_entries)) {
        const FoundConcert &found = m_found.at(entry.showIndex);
        if (!needle.isEmpty() && !entry.artist.contains(needle, Qt::CaseInsensitive)
            && !entry.event.contains(needle, Qt::CaseInsensitive)) {
            continue;
        }
        if (m_maxDistanceKm > 0 && (!found.distanceKm || *found.distanceKm > m_maxDistanceKm)) {
            continue;
        }
        shown.append(entry);
    }
    m_shows.setEntries(shown);
}

void Concerts::setState(State state, const QString &error)
{
    if (state == m_state && error == m_error) {
        return;
    }
    m_state = state;
    m_error = error;
    Q_EMIT stateChanged();
}

void Concerts::setNotice(const QString &notice, bool error)
{
    m_notice = notice;
    m_noticeIsError = error;
    Q_EMIT noticeChanged();
}
