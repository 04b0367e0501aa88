#include "setupguidemodel.h"

#include "app/core/setupguide.h"

SetupGuideModel::SetupGuideModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_steps(setupguide::steps())
{
}

int SetupGuideModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size());
}

QVariant SetupGuideModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    switch (role) {
    case NumberRole:
        return index.row() + 1;
    case Qt::DisplayRole:
    case TextRole:
        return m_steps.at(index.row());
    default:
        return {};
    }
}

QHash<int, QByteArray> SetupGuideModel::roleNames() const
{
    return {{NumberRole, "number"}, {TextRole, "text"}};
}
