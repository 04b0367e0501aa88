#pragma once

#include "engine/model/result.h"

#include <QList>
#include <QString>
#include <QVariant>

// Small conversions the repositories share. Internal to engine/store.
namespace engine::store
{

qint64 nowMs();

// Empty text, zero counts and unknown flags are stored as NULL, so that COALESCE in an upsert keeps what an
// earlier, fuller write stored.
QVariant textOrNull(const QString &text);
QVariant positiveOrNull(qint64 value);
QVariant optionalBool(const std::optional<bool> &value);
std::optional<bool> toOptionalBool(const QVariant &value);
std::optional<qint64> toOptionalInteger(const QVariant &value);

// A JSON array for json_each(?): how a list of ids reaches a single prepared statement.
QString jsonArray(const QList<qint64> &values);
QString jsonArray(const QStringList &values);

// The id of the first row a RETURNING or SELECT gave back.
Result<qint64> firstId(const Result<QList<QVariantList>> &rows);

} // namespace engine::store
