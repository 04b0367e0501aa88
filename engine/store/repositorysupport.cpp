#include "engine/store/repositorysupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace engine::store
{

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant positiveOrNull(qint64 value)
{
    return value > 0 ? QVariant(value) : QVariant();
}

QVariant optionalBool(const std::optional<bool> &value)
{
    return value ? QVariant(*value) : QVariant();
}

std::optional<bool> toOptionalBool(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<bool>(value.toLongLong() != 0);
}

std::optional<qint64> toOptionalInteger(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

QString jsonArray(const QList<qint64> &values)
{
    QJsonArray array;
    for (const qint64 value : values) {
        array.append(value);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString jsonArray(const QStringList &values)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

Result<qint64> firstId(const Result<QList<QVariantList>> &rows)
{
    if (!rows) {
        return rows.error();
    }
    if (rows.value().isEmpty()) {
        return Error{Error::Code::Internal, QStringLiteral("The cache returned no row id for a write.")};
    }
    return rows.value().first().value(0).toLongLong();
}

} // namespace engine::store
