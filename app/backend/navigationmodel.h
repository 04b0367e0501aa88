#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// The app's top-level pages, in the order the navigation shows them and the page stack holds them.
//
// Roles: pageId (stable id such as "home"), title (translated), subtitle (one translated line saying
// what the page is for), shortcut (the key sequence that opens it).
class NavigationModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    enum Role { PageIdRole = Qt::UserRole + 1, TitleRole, SubtitleRole, ShortcutRole };

    explicit NavigationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row of a page id, or -1.
    Q_INVOKABLE int indexOf(const QString &pageId) const;

private:
    struct Page {
        QString id;
        QString title;
        QString subtitle;
    };
    QList<Page> m_pages;
};
