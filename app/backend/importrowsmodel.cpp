#include "importrowsmodel.h"

ImportRowsModel::ImportRowsModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ImportRowsModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int ImportRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ImportRowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return row.title;
    case DetailRole:
        return row.detail;
    case ValueRole:
        return row.value;
    case ProblemRole:
        return row.problem;
    default:
        return {};
    }
}

QHash<int, QByteArray> ImportRowsModel::roleNames() const
{
    return {{TitleRole, "title"}, {DetailRole, "detail"}, {ValueRole, "value"}, {ProblemRole, "problem"}};
}
