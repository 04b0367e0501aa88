#include "hub/model.h"

#include "hub/database.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QVariant>
#include <QtEndian>

#include <pqxx/binarystring>
#include <pqxx/result>
#include <pqxx/transaction>

namespace hub
{

namespace
{

constexpr const char *selectCurrentModelVersion = "select_current_model_version";
constexpr const char *selectCurrentModel = "select_current_model";
constexpr const char *selectCurrentModelItems = "select_current_model_items";
constexpr const char *selectMemberTrackPlays = "select_member_track_plays";
constexpr const char *selectHouseholdFingerprint = "select_household_fingerprint";
constexpr const char *selectHouseholdTrackPlays = "select_model_household_track_plays";

} // namespace

ModelStore::ModelStore(Database &database)
    : m_database(database)
{
}

void ModelStore::prepare(pqxx::connection &connection)
{
    connection.prepare(selectCurrentModelVersion, "SELECT max(version) FROM models");
    connection.prepare(selectCurrentModel,
                       "SELECT version, (extract(epoch FROM created_at) * 1000)::bigint, dimensions, "
                       "array_to_json(item_ids)::text, factors, params::text "
                       "FROM models ORDER BY version DESC LIMIT 1");
    connection.prepare(selectCurrentModelItems,
                       "SELECT version, array_to_json(item_ids)::text FROM models ORDER BY version DESC LIMIT 1");
    connection.prepare(selectMemberTrackPlays,
                       "SELECT track_uri, count(*) FROM plays WHERE member_id = $1 AND track_uri IS NOT NULL "
                       "GROUP BY track_uri");
    // count and max(played_at) come from plays_member_played_at_idx alone: the 304 path stays cheap.
    connection.prepare(selectHouseholdFingerprint,
                       "SELECT m.id, m.display_name, count(p.member_id), "
                       "coalesce((extract(epoch FROM max(p.played_at)) * 1000000)::bigint, 0) "
                       "FROM members m LEFT JOIN plays p ON p.member_id = m.id WHERE m.household_id = $1 "
                       "GROUP BY m.id, m.display_name ORDER BY m.id");
    // householdTrackPlaysSql (hub/household.cpp) since the start of time, with the artists of each member's
    // latest play of the track; the member ids as an array for the same reason as there.
    connection.prepare(selectHouseholdTrackPlays,
                       "SELECT p.track_uri, min(p.payload->>'track_name'), p.member_id, count(*), "
                       "(extract(epoch FROM max(p.played_at)) * 1000000)::bigint, "
                       "((array_agg(p.payload->'artists' ORDER BY p.played_at DESC, p.client_id) "
                       "FILTER (WHERE jsonb_typeof(p.payload->'artists') = 'array'))[1])::text "
                       "FROM members m JOIN plays p ON p.member_id = m.id "
                       "WHERE m.household_id = $1 AND p.member_id = ANY ($2::bigint[]) AND p.track_uri IS NOT NULL "
                       "GROUP BY p.track_uri, p.member_id");
}

std::optional<qint64> ModelStore::currentVersion()
{
    return m_database.run([&](pqxx::connection &connection) -> std::optional<qint64> {
        pqxx::read_transaction transaction(connection);
        const pqxx::row row = transaction.exec_prepared1(selectCurrentModelVersion);
        return row[0].is_null() ? std::nullopt : std::optional<qint64>(row[0].as<qint64>());
    });
}

std::optional<StoredModel> ModelStore::current()
{
    return m_database.run([&](pqxx::connection &connection) -> std::optional<StoredModel> {
        pqxx::read_transaction transaction(connection);
        const pqxx::result rows = transaction.exec_prepared(selectCurrentModel);
        if (rows.empty()) {
            return std::nullopt;
        }
        const pqxx::row row = rows[0];
        StoredModel model;
        model.version = row[0].as<qint64>();
        model.createdAt = QDateTime::fromMSecsSinceEpoch(row[1].as<qint64>(), Qt::UTC);
        model.dimensions = row[2].as<int>();
        for (const QVariant &id : QJsonDocument::fromJson(QByteArray(row[3].c_str())).array().toVariantList()) {
            model.itemIds << id.toString();
        }
        const pqxx::binarystring factors(row[4]);
        model.factors = QByteArray(factors.get(), qsizetype(factors.size()));
        model.params = QJsonDocument::fromJson(QByteArray(row[5].c_str())).object();
        return model;
    });
}

std::optional<StoredModel> ModelStore::currentItems()
{
    return m_database.run([&](pqxx::connection &connection) -> std::optional<StoredModel> {
        pqxx::read_transaction transaction(connection);
        const pqxx::result rows = transaction.exec_prepared(selectCurrentModelItems);
        if (rows.empty()) {
            return std::nullopt;
        }
        StoredModel model;
        model.version = rows[0][0].as<qint64>();
        for (const QVariant &id : QJsonDocument::fromJson(QByteArray(rows[0][1].c_str())).array().toVariantList()) {
            model.itemIds << id.toString();
        }
        return model;
    });
}

QList<std::pair<QString, qint64>> ModelStore::memberTrackPlays(qint64 memberId)
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::read_transaction transaction(connection);
        QList<std::pair<QString, qint64>> plays;
        for (const pqxx::row &row : transaction.exec_prepared(selectMemberTrackPlays, memberId)) {
            plays.append({QString::fromUtf8(row[0].c_str()), row[1].as<qint64>()});
        }
        return plays;
    });
}

QByteArray ModelStore::householdFingerprint(qint64 householdId)
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::read_transaction transaction(connection);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const pqxx::row &row : transaction.exec_prepared(selectHouseholdFingerprint, householdId)) {
            for (const pqxx::field &field : row) {
                // Each value with its length, so that no two different rows read alike.
                const QByteArray value(field.c_str(), qsizetype(field.size()));
                hash.addData(QByteArray(QByteArray::number(value.size()) + ':' + value + ';'));
            }
        }
        return hash.result().toHex().left(16);
    });
}

QList<HouseholdTrackPlays> ModelStore::householdTrackPlays(qint64 householdId, const QList<qint64> &memberIds)
{
    const std::string idArray = idArrayText(memberIds);
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::read_transaction transaction(connection);
        QList<HouseholdTrackPlays> rows;
        for (const pqxx::row &row : transaction.exec_prepared(selectHouseholdTrackPlays, householdId, idArray)) {
            rows.append(
                {{QString::fromUtf8(row[0].c_str()),
                  QString::fromUtf8(row[1].c_str()),
                  row[2].as<qint64>(),
                  row[3].as<qint64>()},
                 row[4].as<qint64>(),
                 row[5].is_null() ? QJsonArray() : QJsonDocument::fromJson(QByteArray(row[5].c_str())).array()});
        }
        return rows;
    });
}

engine::recommend::RowMatrix itemFactors(const StoredModel &model)
{
    engine::recommend::RowMatrix items(model.itemIds.size(), model.dimensions);
    qFromLittleEndian<float>(model.factors.constData(), items.size(), items.data());
    return items;
}

engine::recommend::AlsOptions trainedOptions(const StoredModel &model)
{
    engine::recommend::AlsOptions options;
    options.factors = model.dimensions;
    options.regularization = float(model.params.value(QStringLiteral("regularization")).toDouble());
    options.alpha = float(model.params.value(QStringLiteral("alpha")).toDouble());
    options.weighting = engine::recommend::Weighting::Log1p;
    return options;
}

} // namespace hub
