#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// The steps to create one's own Spotify app (app/core/setupguide.h), for the Settings page.
//
// Roles: number (1-based), text (translated).
class SetupGuideModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    enum Role { NumberRole = Qt::UserRole + 1, TextRole };

    explicit SetupGuideModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QStringList m_steps;
};
