#include "concertlistmodel.h"

ConcertListModel::ConcertListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int ConcertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ConcertListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case ArtistRole:
        return entry.artist;
    case EventRole:
        return entry.event;
    case DateRole:
        return entry.date;
    case TimeRole:
        return entry.time;
    case MonthRole:
        return entry.month;
    case VenueRole:
        return entry.venue;
    case CityRole:
        return entry.city;
    case DistanceRole:
        return entry.distance;
    case WhyRole:
        return entry.why;
    case TicketUrlRole:
        return entry.ticketUrl.toString();
    case ProviderRole:
        return entry.provider;
    case StaleRole:
        return entry.stale;
    case StaleAgeRole:
        return entry.staleAge;
    case SupportRole:
        return entry.support;
    case ShowIndexRole:
        return entry.showIndex;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConcertListModel::roleNames() const
{
    return {{ArtistRole, "artist"},
            {EventRole, "event"},
            {DateRole, "date"},
            {TimeRole, "time"},
            {MonthRole, "month"},
            {VenueRole, "venue"},
            {CityRole, "city"},
            {DistanceRole, "distance"},
            {WhyRole, "why"},
            {TicketUrlRole, "ticketUrl"},
            {ProviderRole, "provider"},
            {StaleRole, "stale"},
            {StaleAgeRole, "staleAge"},
            {SupportRole, "support"},
            {ShowIndexRole, "showIndex"}};
}

int ConcertListModel::count() const
{
    return int(m_entries.size());
}

const QList<ConcertListModel::Entry> &ConcertListModel::entries() const
{
    return m_entries;
}

void ConcertListModel::setEntries(const QList<Entry> &entries)
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
