#include "discoverlistmodel.h"

DiscoverListModel::DiscoverListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int DiscoverListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant DiscoverListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return entry.title;
    case ArtistsRole:
        return entry.artists;
    case AlbumRole:
        return entry.album;
    case ExplanationRole:
        return entry.explanation;
    case UriRole:
        return entry.uri;
    case ArtistUriRole:
        return entry.artistUri;
    case LikedRole:
        return entry.liked;
    default:
        return {};
    }
}

QHash<int, QByteArray> DiscoverListModel::roleNames() const
{
    return {{TitleRole, "title"},
            {ArtistsRole, "artists"},
            {AlbumRole, "album"},
            {ExplanationRole, "explanation"},
            {UriRole, "uri"},
            {ArtistUriRole, "artistUri"},
            {LikedRole, "liked"}};
}

int DiscoverListModel::count() const
{
    return int(m_entries.size());
}

QStringList DiscoverListModel::uris() const
{
    QStringList uris;
    uris.reserve(m_entries.size());
    for (const Entry &entry : m_entries) {
        uris.append(entry.uri);
    }
    return uris;
}

const QList<DiscoverListModel::Entry> &DiscoverListModel::entries() const
{
    return m_entries;
}

void DiscoverListModel::setEntries(const QList<Entry> &entries)
{
    if (entries == m_entries) {
        return;
    }
    const bool countChanges = entries.size() != m_entries.size();
    beginResetModel();
    m_entries = entries;
    endResetModel();
    if (countChanges) {
        Q_EMIT countChanged();
    }
}
