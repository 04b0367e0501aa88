#include "statslistmodel.h"

#include <algorithm>

StatsListModel::StatsListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int StatsListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant StatsListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return entry.label;
    case DetailRole:
        return entry.detail;
    case ValueRole:
        return entry.value;
    case ValueTextRole:
        return entry.valueText;
    case ShareRole:
        return m_maxValue > 0 ? entry.value / m_maxValue : 0.0;
    case ItemIdRole:
        return entry.itemId;
    case ItemKindRole:
        return entry.itemKind;
    case RankRole:
        return index.row() + 1;
    case ChangeRole:
        return entry.change;
    default:
        return {};
    }
}

QHash<int, QByteArray> StatsListModel::roleNames() const
{
    return {{LabelRole, "label"},
            {DetailRole, "detail"},
            {ValueRole, "value"},
            {ValueTextRole, "valueText"},
            {ShareRole, "share"},
            {ItemIdRole, "itemId"},
            {ItemKindRole, "itemKind"},
            {RankRole, "rank"},
            {ChangeRole, "change"}};
}

int StatsListModel::count() const
{
    return int(m_entries.size());
}

double StatsListModel::maxValue() const
{
    return m_maxValue;
}

QList<qreal> StatsListModel::values() const
{
    QList<qreal> values;
    values.reserve(m_entries.size());
    for (const Entry &entry : m_entries) {
        values.append(entry.value);
    }
    return values;
}

const QList<StatsListModel::Entry> &StatsListModel::entries() const
{
    return m_entries;
}

QString StatsListModel::labelAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).label : QString();
}

QString StatsListModel::valueTextAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).valueText : QString();
}

void StatsListModel::setEntries(QList<Entry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    m_maxValue = 0;
    for (const Entry &entry : m_entries) {
        m_maxValue = std::max(m_maxValue, entry.value);
    }
    endResetModel();
    Q_EMIT entriesChanged();
}

StatsListSlice::StatsListSlice(QObject *parent)
    : QAbstractListModel(parent)
{
}

int StatsListSlice::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

QVariant StatsListSlice::data(const QModelIndex &index, int role) const
{
    if (!m_source || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    return m_source->data(m_source->index(index.row()), role);
}

QHash<int, QByteArray> StatsListSlice::roleNames() const
{
    return StatsListModel().roleNames();
}

StatsListModel *StatsListSlice::source() const
{
    return m_source;
}

void StatsListSlice::setSource(StatsListModel *source)
{
    if (m_source == source) {
        return;
    }
    if (m_source) {
        disconnect(m_source, nullptr, this, nullptr);
    }
    m_source = source;
    if (m_source) {
        connect(m_source, &StatsListModel::entriesChanged, this, &StatsListSlice::sourceReset);
        connect(m_source, &QObject::destroyed, this, &StatsListSlice::sourceReset);
    }
    sourceReset();
    Q_EMIT sourceChanged();
}

int StatsListSlice::limit() const
{
    return m_limit;
}

void StatsListSlice::setLimit(int limit)
{
    limit = std::max(0, limit);
    if (m_limit == limit) {
        return;
    }
    m_limit = limit;
    const int count = std::min(total(), m_limit);
    // Growing or shrinking keeps the delegates of the rows that stay: "show more" adds rows, it does not rebuild.
    if (count > m_count) {
        beginInsertRows({}, m_count, count - 1);
        m_count = count;
        endInsertRows();
    } else if (count < m_count) {
        beginRemoveRows({}, count, m_count - 1);
        m_count = count;
        endRemoveRows();
    }
    Q_EMIT limitChanged();
    Q_EMIT countChanged();
}

int StatsListSlice::count() const
{
    return m_count;
}

int StatsListSlice::total() const
{
    return m_source ? m_source->count() : 0;
}

void StatsListSlice::sourceReset()
{
    beginResetModel();
    m_count = std::min(total(), m_limit);
    endResetModel();
    Q_EMIT countChanged();
}
