// The household dashboards of the Api: GET /api/v1/household and /api/v1/household/{week,favourites,overlap,top}.
// Every answer covers only the household of the caller's device (HB-3).

#include "hub/api.h"
#include "hub/store.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace hub
{

namespace
{

constexpr qint64 dayMs = 24 * 3600 * 1000;
constexpr int defaultLimit = 10;
constexpr int maxLimit = 50;

// limit=1…50 from the query string, else the default.
int limitOf(const HttpRequest &request)
{
    const QByteArray text = request.queryValue(QByteArrayLiteral("limit"));
    if (text.isNull()) {
        return defaultLimit;
    }
    bool ok = false;
    const int limit = text.toInt(&ok);
    if (!ok || limit < 1 || limit > maxLimit) {
        throw HttpError(400,
                        QByteArrayLiteral("invalid_limit"),
                        QStringLiteral("The query parameter limit must be a whole number from 1 to %1.").arg(maxLimit));
    }
    return limit;
}

// Names of the household's members by id, for the "who played it" lists.
QHash<qint64, QString> namesOf(const QList<MemberSummary> &members)
{
    QHash<qint64, QString> names;
    for (const MemberSummary &member : members) {
        names.insert(member.id, member.displayName);
    }
    return names;
}

QJsonObject itemJson(const HouseholdItem &item, const QHash<qint64, QString> &names)
{
    QJsonArray members;
    for (const MemberPlays &member : item.members) {
        members.append(QJsonObject{{QStringLiteral("id"), member.memberId},
                                   {QStringLiteral("display_name"), names.value(member.memberId)},
                                   {QStringLiteral("plays"), member.plays}});
    }
    const bool hasUri = item.key.startsWith(QLatin1String("spotify:"));
    return QJsonObject{{QStringLiteral("uri"), hasUri ? QJsonValue(item.key) : QJsonValue()},
                       {QStringLiteral("name"), item.name},
                       {QStringLiteral("plays"), item.plays},
                       {QStringLiteral("members"), members}};
}

QJsonArray itemsJson(const QList<HouseholdItem> &items, int limit, const QHash<qint64, QString> &names)
{
    QJsonArray array;
    for (qsizetype i = 0; i < items.size() && i < limit; ++i) {
        array.append(itemJson(items.at(i), names));
    }
    return array;
}

} // namespace

QJsonArray membersJson(const QList<MemberSummary> &members)
{
    QJsonArray array;
    for (const MemberSummary &member : members) {
        array.append(QJsonObject{{QStringLiteral("id"), member.id},
                                 {QStringLiteral("display_name"), member.displayName},
                                 {QStringLiteral("role"), member.role},
                                 {QStringLiteral("joined_at_ms"), member.joinedAt.toMSecsSinceEpoch()},
                                 {QStringLiteral("devices"), member.devices}});
    }
    return array;
}

HttpResponse Api::household(const HttpRequest &, const DeviceIdentity &device) const
{
    return HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("id"), device.householdId},
                    {QStringLiteral("members"), membersJson(m_store.members(device.householdId))}});
}

HttpResponse Api::householdWeek(const HttpRequest &request, const DeviceIdentity &device) const
{
    const int limit = limitOf(request);
    // "This week" is the last seven days, so the dashboard never starts empty on a Monday morning.
    const qint64 untilMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 sinceMs = untilMs - 7 * dayMs;
    const QList<MemberSummary> members = m_store.members(device.householdId);
    const QHash<qint64, QString> names = namesOf(members);
    const QList<qint64> ids = names.keys();
    const QList<HouseholdItem> tracks =
        aggregateItems(m_household.plays(device.householdId, ids, ItemKind::Track, sinceMs));
    const QList<HouseholdItem> artists =
        aggregateItems(m_household.plays(device.householdId, ids, ItemKind::Artist, sinceMs));
    QHash<qint64, qint64> perMember;
    qint64 total = 0;
    for (const HouseholdItem &track : tracks) {
        total += track.plays;
        for (const MemberPlays &member : track.members) {
            perMember[member.memberId] += member.plays;
        }
    }
    QJsonArray memberPlays;
    for (const MemberSummary &member : members) {
        memberPlays.append(QJsonObject{{QStringLiteral("id"), member.id},
                                       {QStringLiteral("display_name"), member.displayName},
                                       {QStringLiteral("plays"), perMember.value(member.id)}});
    }
    return HttpResponse::json(200,
                              QJsonObject{{QStringLiteral("since_ms"), sinceMs},
                                          {QStringLiteral("until_ms"), untilMs},
                                          {QStringLiteral("plays"), total},
                                          {QStringLiteral("members"), memberPlays},
                                          {QStringLiteral("tracks"), itemsJson(tracks, limit, names)},
                                          {QStringLiteral("artists"), itemsJson(artists, limit, names)}});
}

HttpResponse Api::householdFavourites(const HttpRequest &request, const DeviceIdentity &device) const
{
    const int limit = limitOf(request);
    const QHash<qint64, QString> names = namesOf(m_store.members(device.householdId));
    const QList<qint64> ids = names.keys();
    const QList<HouseholdItem> tracks =
        sharedItems(aggregateItems(m_household.plays(device.householdId, ids, ItemKind::Track, 0)));
    const QList<HouseholdItem> artists =
        sharedItems(aggregateItems(m_household.plays(device.householdId, ids, ItemKind::Artist, 0)));
    return HttpResponse::json(200,
                              QJsonObject{{QStringLiteral("tracks"), itemsJson(tracks, limit, names)},
                                          {QStringLiteral("artists"), itemsJson(artists, limit, names)}});
}

HttpResponse Api::householdOverlap(const HttpRequest &request, const DeviceIdentity &device) const
{
    const int limit = limitOf(request);
    const QByteArray memberText = request.queryValue(QByteArrayLiteral("member"));
    bool ok = false;
    const qint64 other = memberText.toLongLong(&ok);
    if (memberText.isNull() || !ok) {
        throw HttpError(400,
                        QByteArrayLiteral("invalid_member"),
                        QStringLiteral("Name the member to compare with as ?member=ID (an id from GET "
                                       "/api/v1/household)."));
    }
    const QHash<qint64, QString> names = namesOf(m_store.members(device.householdId));
    const QList<qint64> ids = names.keys();
    // A member of another household is as unknown as one that does not exist (HB-3).
    if (!names.contains(other)) {
        throw HttpError(404,
                        QByteArrayLiteral("member_not_found"),
                        QStringLiteral("There is no member %1 in your household.").arg(other));
    }
    const TasteOverlap overlap =
        tasteOverlap(aggregateItems(m_household.plays(device.householdId, ids, ItemKind::Artist, 0)),
                     device.memberId,
                     other);
    return HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("member"),
                     QJsonObject{{QStringLiteral("id"), other}, {QStringLiteral("display_name"), names.value(other)}}},
                    {QStringLiteral("jaccard"), overlap.jaccard},
                    {QStringLiteral("shared_artists"), overlap.sharedCount},
                    {QStringLiteral("all_artists"), overlap.unionCount},
                    {QStringLiteral("top_shared_artists"), itemsJson(overlap.shared, limit, names)}});
}

HttpResponse Api::householdTop(const HttpRequest &request, const DeviceIdentity &device) const
{
    const int limit = limitOf(request);
    const QByteArray range = request.queryValue(QByteArrayLiteral("range"));
    const QHash<QByteArray, qint64> days{{"week", 7}, {"month", 30}, {"year", 365}, {"all", 0}};
    const QByteArray chosen = range.isNull() ? QByteArrayLiteral("month") : range;
    if (!days.contains(chosen)) {
        throw HttpError(400,
                        QByteArrayLiteral("invalid_range"),
                        QStringLiteral("The query parameter range must be week, month, year or all."));
    }
    const qint64 sinceMs =
        days.value(chosen) == 0 ? 0 : QDateTime::currentMSecsSinceEpoch() - days.value(chosen) * dayMs;
    const QHash<qint64, QString> names = namesOf(m_store.members(device.householdId));
    const QList<qint64> ids = names.keys();
    return HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("range"), QString::fromLatin1(chosen)},
                    {QStringLiteral("since_ms"), sinceMs},
                    {QStringLiteral("tracks"),
                     itemsJson(aggregateItems(m_household.plays(device.householdId, ids, ItemKind::Track, sinceMs)),
                               limit,
                               names)},
                    {QStringLiteral("artists"),
                     itemsJson(aggregateItems(m_household.plays(device.householdId, ids, ItemKind::Artist, sinceMs)),
                               limit,
                               names)}});
}

} // namespace hub
