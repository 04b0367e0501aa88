#pragma once

#include "engine/recommend/als.h"
#include "engine/recommend/types.h"
#include "hub/household.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

#include <pqxx/connection>

namespace hub
{

class Database;

// A trained model as stored in `models`: item factors in the order of itemIds.
struct StoredModel {
    qint64 version = 0;
    QDateTime createdAt;
    int dimensions = 0;
    QStringList itemIds;
    QByteArray factors; // little-endian float32, row-major, itemIds.size() × dimensions
    QJsonObject params;
};

// How often one member played one track, and the artists of their latest play of it.
struct HouseholdTrackPlays {
    MemberItemPlays plays;
    qint64 latestPlayedAtUs = 0; // Unix microseconds
    QJsonArray artists; // as synced ([{name, uri?}]); empty when the member's plays had none
};

// The models table from the request path: the current model, its version alone (for If-None-Match), a
// member's play counts for recommendations, and what the household part of the model's answer is read from.
class ModelStore
{
public:
    explicit ModelStore(Database &database);
    // Prepares the statements on a new connection (Store::prepare calls it).
    static void prepare(pqxx::connection &connection);

    std::optional<qint64> currentVersion();
    std::optional<StoredModel> current();
    // The current model's version and item ids, without its factors.
    std::optional<StoredModel> currentItems();
    // (track URI, plays) of one member.
    QList<std::pair<QString, qint64>> memberTrackPlays(qint64 memberId);
    // 16 hex digits summing up the household's members and their plays (per member: id, display name, number of
    // plays, latest play): any play synced or deleted, any member joining, leaving or renamed changes them, so
    // they stand for household_tracks in the model's ETag without reading the tracks themselves.
    QByteArray householdFingerprint(qint64 householdId);
    // Plays per (track, member) of the household's members (memberIds: its members, from Store::members), each
    // with the artists of the member's latest play of the track: household_tracks in one read of the plays.
    QList<HouseholdTrackPlays> householdTrackPlays(qint64 householdId, const QList<qint64> &memberIds);

private:
    Database &m_database;
};

// The item factors of a stored model as a matrix, and the ALS options it was trained with (for fold-in).
engine::recommend::RowMatrix itemFactors(const StoredModel &model);
engine::recommend::AlsOptions trainedOptions(const StoredModel &model);

} // namespace hub
