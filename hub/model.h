#pragma once

#include "engine/recommend/als.h"
#include "engine/recommend/types.h"

#include <QByteArray>
#include <QDateTime>
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

// The models table from the request path: the current model, its version alone (for If-None-Match), and a
// member's play counts for recommendations.
class ModelStore
{
public:
    explicit ModelStore(Database &database);
    // Prepares the statements on a new connection (Store::prepare calls it).
    static void prepare(pqxx::connection &connection);

    std::optional<qint64> currentVersion();
    std::optional<StoredModel> current();
    // (track URI, plays) of one member.
    QList<std::pair<QString, qint64>> memberTrackPlays(qint64 memberId);

private:
    Database &m_database;
};

// The item factors of a stored model as a matrix, and the ALS options it was trained with (for fold-in).
engine::recommend::RowMatrix itemFactors(const StoredModel &model);
engine::recommend::AlsOptions trainedOptions(const StoredModel &model);

} // namespace hub
