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
