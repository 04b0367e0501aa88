// GET /api/v1/model (the current item factors and the household's tracks among them, versioned by ETag), GET
// /api/v1/model/household (the household's tracks alone, under the same ETag, so that a client whose factors are
// current does not download them again when the household plays) and GET /api/v1/me/recommendations (the
// member's plays folded into the current model, for clients that do not compute themselves).

#include "engine/recommend/foldin.h"
#include "engine/recommend/topitems.h"
#include "hub/api.h"
#include "hub/household.h"
#include "hub/store.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <utility>
#include <vector>

namespace hub
{

namespace
{

// The model's version and the household's fingerprint (ModelStore::householdFingerprint): a new training and a
// new play in the household both change it, so household_tracks is as fresh as the household's data.
QByteArray etagOf(qint64 version, const QByteArray &household)
{
    return "\"model-" + QByteArray::number(version) + "-h" + household + '"';
}

// Whether If-None-Match names `etag` (or "*").
bool names(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    const QList<QByteArray> known = ifNoneMatch.split(',');
    return std::any_of(known.cbegin(), known.cend(), [&](const QByteArray &tag) {
        return tag.trimmed() == etag || tag.trimmed() == "*";
    });
}

// The model's factors are current for the whole tag and for the version alone ("model-3"), which clients send to
// learn whether the factors changed (and clients before household fingerprints sent as their only tag).
bool factorsKnown(const QByteArray &ifNoneMatch, qint64 version, const QByteArray &etag)
{
    return names(ifNoneMatch, etag) || names(ifNoneMatch, "\"model-" + QByteArray::number(version) + '"');
}

HttpResponse notModified(const QByteArray &etag)
{
    HttpResponse response;
    response.status = 304;
    response.headers.append({QByteArrayLiteral("ETag"), etag});
    return response;
}

HttpError noModel()
{
    return HttpError(404,
                     QByteArrayLiteral("no_model"),
                     QStringLiteral("No model has been trained yet: members opt in with PUT /api/v1/me/training, "
                                    "then the hub trains on its schedule or with tunescout-hub train."));
}

// The current version and the household's fingerprint, read before the household's tracks so that an answer is
// never older than its ETag says; 404 no_model before the first training.
std::pair<qint64, QByteArray> currentTag(ModelStore &models, qint64 householdId)
{
    const std::optional<qint64> version = models.currentVersion();
    if (!version) {
        throw noModel();
    }
    return {*version, models.householdFingerprint(householdId)};
}

// The model's items the caller's household played, with their names, artists and who played them (most plays
// first): a client names, explains and filters (hidden artists, per-artist cap) its household picks with them,
// also the tracks its own cache has never seen. Only the caller's household is read, so a model trained across
// households shows no one else's listening.
QJsonArray householdTracksJson(const QStringList &itemIds,
                               const QList<HouseholdItem> &tracks,
                               const QHash<QString, QJsonArray> &artists,
                               const QList<MemberSummary> &members)
{
    const QSet<QString> inModel(itemIds.cbegin(), itemIds.cend());
    QHash<qint64, QString> nameOf;
    for (const MemberSummary &member : members) {
        nameOf.insert(member.id, member.displayName);
    }
    QJsonArray json;
    for (const HouseholdItem &track : tracks) {
        if (!inModel.contains(track.key)) {
            continue;
        }
        QJsonArray playedBy;
        for (const MemberPlays &member : track.members) {
            playedBy.append(nameOf.value(member.memberId));
        }
        json.append(QJsonObject{{QStringLiteral("uri"), track.key},
                                {QStringLiteral("name"), track.name},
                                {QStringLiteral("artists"), artists.value(track.key)},
                                {QStringLiteral("members"), playedBy}});
    }
    return json;
}

} // namespace

HttpResponse Api::model(const HttpRequest &request, const DeviceIdentity &device) const
{
    // The version alone first: a client that has it gets 304 without the factors leaving the database.
    const auto [version, household] = currentTag(m_models, device.householdId);
    if (factorsKnown(request.header(QByteArrayLiteral("if-none-match")), version, etagOf(version, household))) {
        return notModified(etagOf(version, household));
    }
    const std::optional<StoredModel> stored = m_models.current();
    if (!stored) {
        throw noModel();
    }
    HttpResponse response = HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("version"), stored->version},
                    {QStringLiteral("created_at_ms"), stored->createdAt.toMSecsSinceEpoch()},
                    {QStringLiteral("dimensions"), stored->dimensions},
                    {QStringLiteral("params"), stored->params},
                    {QStringLiteral("item_ids"), QJsonArray::fromStringList(stored->itemIds)},
                    {QStringLiteral("encoding"), QStringLiteral("float32-le-row-major-base64")},
                    {QStringLiteral("factors"), QString::fromLatin1(stored->factors.toBase64())},
                    {QStringLiteral("household_tracks"), householdTracks(device.householdId, stored->itemIds)}});
    // The version that was read may be newer than the one checked above.
    response.headers.append({QByteArrayLiteral("ETag"), etagOf(stored->version, household)});
    return response;
}

HttpResponse Api::modelHousehold(const HttpRequest &request, const DeviceIdentity &device) const
{
    const auto [version, household] = currentTag(m_models, device.householdId);
    if (names(request.header(QByteArrayLiteral("if-none-match")), etagOf(version, household))) {
        return notModified(etagOf(version, household));
    }
    const std::optional<StoredModel> stored = m_models.currentItems();
    if (!stored) {
        throw noModel();
    }
    HttpResponse response = HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("version"), stored->version},
                    {QStringLiteral("household_tracks"), householdTracks(device.householdId, stored->itemIds)}});
    response.headers.append({QByteArrayLiteral("ETag"), etagOf(stored->version, household)});
    return response;
}

QJsonArray Api::householdTracks(qint64 householdId, const QStringList &itemIds) const
{
    const QList<MemberSummary> members = m_store.members(householdId);
    QList<qint64> memberIds;
    for (const MemberSummary &member : members) {
        memberIds.append(member.id);
    }
    // Each track's artists are those of its latest play in the household.
    QList<MemberItemPlays> plays;
    QHash<QString, std::pair<qint64, QJsonArray>> latestArtists;
    for (const HouseholdTrackPlays &row : m_models.householdTrackPlays(householdId, memberIds)) {
        plays.append(row.plays);
        if (row.artists.isEmpty()) {
            continue;
        }
        auto &[latest, artists] = latestArtists[row.plays.key];
        if (artists.isEmpty() || row.latestPlayedAtUs > latest) {
            latest = row.latestPlayedAtUs;
            artists = row.artists;
        }
    }
    QHash<QString, QJsonArray> artistsOf;
    for (auto it = latestArtists.cbegin(); it != latestArtists.cend(); ++it) {
        artistsOf.insert(it.key(), it.value().second);
    }
    return householdTracksJson(itemIds, aggregateItems(plays), artistsOf, members);
}

HttpResponse Api::recommendations(const HttpRequest &request, const DeviceIdentity &device) const
{
    int limit = 20;
    if (const QByteArray text = request.queryValue(QByteArrayLiteral("limit")); !text.isNull()) {
        bool ok = false;
        limit = text.toInt(&ok);
        if (!ok || limit < 1 || limit > 100) {
            throw HttpError(400,
                            QByteArrayLiteral("invalid_limit"),
                            QStringLiteral("The query parameter limit must be a whole number from 1 to 100."));
        }
    }
    const std::optional<StoredModel> stored = m_models.current();
    if (!stored) {
        throw noModel();
    }
    QHash<QString, int> indexOf;
    for (qsizetype i = 0; i < stored->itemIds.size(); ++i) {
        indexOf.insert(stored->itemIds.at(i), int(i));
    }
    std::vector<std::pair<int, float>> counts;
    std::vector<int> played;
    for (const auto &[uri, plays] : m_models.memberTrackPlays(device.memberId)) {
        if (const auto found = indexOf.constFind(uri); found != indexOf.cend()) {
            counts.emplace_back(*found, float(plays));
            played.push_back(*found);
        }
    }
    std::sort(played.begin(), played.end());
    QJsonArray items;
    // Without any play the model knows, there is nothing to fold in: an empty list rather than noise.
    if (!counts.empty()) {
        const engine::recommend::RowMatrix factors = itemFactors(*stored);
        const engine::recommend::FoldIn foldIn(factors, trainedOptions(*stored));
        const Eigen::VectorXf user = foldIn.userVector(counts);
        for (const engine::recommend::ScoredItem &item : engine::recommend::topItems(user, factors, limit, played)) {
            items.append(QJsonObject{{QStringLiteral("uri"), stored->itemIds.at(item.item)},
                                     {QStringLiteral("score"), double(item.score)}});
        }
    }
    return HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("model_version"), stored->version}, {QStringLiteral("items"), items}});
}

} // namespace hub
