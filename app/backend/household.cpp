#include "household.h"

#include "engine/ingest/storethread.h"
#include "engine/store/store.h"
#include "hublink.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcHousehold, "tunescout.app.household")

namespace
{

Household *s_instance = nullptr;

} // namespace

// The four answers of one load, in whatever order they arrive.
struct Household::Load {
    engine::HubReadReply household;
    engine::HubReadReply week;
    engine::HubReadReply favourites;
    engine::HubReadReply picks;
    int waiting = 4;
};

Household::Household(HubLink *hub, engine::StoreThread *store, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_store(store)
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    m_state = m_hub->isPaired() ? State::Idle : State::NotPaired;
    connect(m_hub, &HubLink::changed, this, &Household::hubChanged);
}

Household::~Household()
{
    s_instance = nullptr;
}

Household *Household::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "Household::create", "main() creates Household before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

Household::State Household::state() const
{
    return m_state;
}

QString Household::errorMessage() const
{
    return m_error;
}

QVariantList Household::members() const
{
    return m_members;
}

QString Household::weekSummary() const
{
    return m_weekSummary;
}

QVariantList Household::weekArtists() const
{
    return m_weekArtists;
}

QVariantList Household::favourites() const
{
    return m_favourites;
}

QVariantList Household::picks() const
{
    return m_picks;
}

QString Household::picksNote() const
{
    return m_picksNote;
}

void Household::hubChanged()
{
    if (!m_hub->isPaired()) {
        m_members.clear();
        m_weekArtists.clear();
        m_favourites.clear();
        m_picks.clear();
        m_weekSummary.clear();
        m_picksNote.clear();
        m_error.clear();
        m_state = State::NotPaired;
        Q_EMIT changed();
    } else if (m_state == State::NotPaired) {
        m_state = State::Idle;
        Q_EMIT changed();
    }
}

void Household::activate()
{
    if (m_state == State::Idle || m_state == State::Failed) {
        refresh();
    }
}

void Household::refresh()
{
    if (!m_hub->isPaired()) {
        hubChanged();
        return;
    }
    if (m_state == State::Loading) {
        m_again = true;
        return;
    }
    m_state = State::Loading;
    Q_EMIT changed();
    auto load = std::make_shared<Load>();
    const QPointer<Household> self(this);
    const auto ask = [this, self, load](const QString &path, int limit, engine::HubReadReply Load::*slot) {
        m_hub->client().get(path,
                            QUrlQuery{{QStringLiteral("limit"), QString::number(limit)}},
                            [this, self, load, slot](const engine::HubReadReply &reply) {
                                if (!self) {
                                    return;
                                }
                                (*load).*slot = reply;
                                if (--load->waiting == 0) {
                                    answered(load);
                                }
                            });
    };
    ask(QStringLiteral("/api/v1/household"), ListLength, &Load::household);
    ask(QStringLiteral("/api/v1/household/week"), ListLength, &Load::week);
    ask(QStringLiteral("/api/v1/household/favourites"), ListLength, &Load::favourites);
    ask(QStringLiteral("/api/v1/me/recommendations"), PickCount, &Load::picks);
}

void Household::answered(const std::shared_ptr<Load> &load)
{
    for (const engine::HubReadReply *reply : {&load->household, &load->week, &load->favourites}) {
        if (reply->outcome != engine::HubReadReply::Outcome::Ok) {
            qCWarning(lcHousehold).noquote() << reply->message;
            m_state = State::Failed;
            m_error = reply->message;
            Q_EMIT changed();
            if (std::exchange(m_again, false)) {
                refresh();
            }
            return;
        }
    }
    // The picks' names, from the tracks this device's cache knows.
    QStringList ids;
    for (const QJsonValue &item : load->picks.json.value(QStringLiteral("items")).toArray()) {
        ids.append(item.toObject().value(QStringLiteral("uri")).toString().section(QLatin1Char(':'), 2));
    }
    const QPointer<Household> self(this);
    m_store->post(
        [ids](engine::Store &store) -> engine::Result<QHash<QString, QString>> {
            auto select = store.database().prepare(
                "SELECT t.name || coalesce(' · ' || (SELECT a.name FROM track_artists ta JOIN artists a ON "
                "a.id = ta.artist_id WHERE ta.track_id = t.id ORDER BY ta.position LIMIT 1), '') FROM tracks t "
                "WHERE t.spotify_id = ?1");
            if (!select) {
                return select.error();
            }
            QHash<QString, QString> names;
            for (const QString &id : ids) {
                const auto rows = select.value().query({id});
                if (!rows) {
                    return rows.error();
                }
                if (!rows.value().isEmpty()) {
                    names.insert(id, rows.value().constFirst().at(0).toString());
                }
            }
            return names;
        },
        this,
        [this, load](const engine::Result<QHash<QString, QString>> &names) {
            if (!names) {
                qCWarning(lcHousehold).noquote() << names.error().message;
            }
            named(load, names ? names.value() : QHash<QString, QString>());
        });
}

QString Household::whoText(const QJsonArray &members) const
{
    QStringList names;
    for (const QJsonValue &member : members) {
        names.append(member.toObject().value(QStringLiteral("display_name")).toString());
    }
    return QLocale().createSeparatedList(names);
}

QVariantList Household::items(const QJsonArray &list) const
{
    QVariantList out;
    for (const QJsonValue &value : list) {
        const QJsonObject item = value.toObject();
        const int plays = int(item.value(QStringLiteral("plays")).toInteger());
        out.append(QVariantMap{{QStringLiteral("name"), item.value(QStringLiteral("name")).toString()},
                               {QStringLiteral("detail"),
                                tr("%n play(s) by %1", "household members", plays)
                                    .arg(whoText(item.value(QStringLiteral("members")).toArray()))}});
    }
    return out;
}

void Household::named(const std::shared_ptr<Load> &load, const QHash<QString, QString> &names)
{
    m_members.clear();
    for (const QJsonValue &value : load->household.json.value(QStringLiteral("members")).toArray()) {
        const QJsonObject member = value.toObject();
        const int devices = member.value(QStringLiteral("devices")).toInt();
        m_members.append(QVariantMap{{QStringLiteral("name"), member.value(QStringLiteral("display_name")).toString()},
                                     {QStringLiteral("detail"), tr("%n device(s)", nullptr, devices)}});
    }
    const QJsonObject week = load->week.json;
    m_weekSummary = tr("%n play(s) in the household in the last seven days",
                       nullptr,
                       int(week.value(QStringLiteral("plays")).toInteger()));
    m_weekArtists = items(week.value(QStringLiteral("artists")).toArray());
    m_favourites = items(load->favourites.json.value(QStringLiteral("artists")).toArray());
    m_picks.clear();
    m_picksNote.clear();
    if (load->picks.outcome == engine::HubReadReply::Outcome::Ok) {
        for (const QJsonValue &value : load->picks.json.value(QStringLiteral("items")).toArray()) {
            const QString uri = value.toObject().value(QStringLiteral("uri")).toString();
            const QString name = names.value(uri.section(QLatin1Char(':'), 2));
            m_picks.append(QVariantMap{{QStringLiteral("uri"), uri},
                                       {QStringLiteral("name"), name.isEmpty() ? uri : name},
                                       {QStringLiteral("detail"), tr("Picked by the household hub for you")}});
        }
        if (m_picks.isEmpty()) {
            m_picksNote =
                tr("None yet: the hub's model knows none of your plays. Sync, then wait for its next training.");
        }
    } else if (load->picks.problemCode == QLatin1String("no_model")) {
        m_picksNote = tr("None yet: the hub has not trained a model. Its admin runs tunescout-hub train.");
    } else {
        m_picksNote = load->picks.message;
    }
    m_error.clear();
    m_state = State::Ready;
    Q_EMIT changed();
    if (std::exchange(m_again, false)) {
        refresh();
    }
}
