#include "navigationmodel.h"

NavigationModel::NavigationModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_pages({
          {QStringLiteral("home"), tr("Home"), tr("Your listening at a glance")},
          {QStringLiteral("dashboards"), tr("Dashboards"), tr("Top artists, tracks and habits over time")},
          {QStringLiteral("player"), tr("Player"), tr("Control what plays on your Spotify devices")},
          {QStringLiteral("discover"), tr("Discover"), tr("Recommendations computed on this computer")},
          {QStringLiteral("household"), tr("Household"), tr("What the people on your hub share")},
          {QStringLiteral("concerts"), tr("Concerts"), tr("Upcoming shows of your artists nearby")},
          {QStringLiteral("settings"), tr("Settings"), tr("Account, cache and connections")},
          {QStringLiteral("import"), tr("Import"), tr("Your lifetime history from Spotify's privacy export")},
      })
{
}

int NavigationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pages.size());
}

QVariant NavigationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Page &page = m_pages.at(index.row());
    switch (role) {
    case PageIdRole:
        return page.id;
    case Qt::DisplayRole:
    case TitleRole:
        return page.title;
    case SubtitleRole:
        return page.subtitle;
    case ShortcutRole:
        return QStringLiteral("Ctrl+%1").arg(index.row() + 1);
    default:
        return {};
    }
}

QHash<int, QByteArray> NavigationModel::roleNames() const
{
    return {{PageIdRole, "pageId"}, {TitleRole, "title"}, {SubtitleRole, "subtitle"}, {ShortcutRole, "shortcut"}};
}

int NavigationModel::indexOf(const QString &pageId) const
{
    for (qsizetype row = 0; row < m_pages.size(); ++row) {
        if (m_pages.at(row).id == pageId) {
            return int(row);
        }
    }
    return -1;
}
