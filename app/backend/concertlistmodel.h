#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

// The Concerts page's upcoming shows, as Concerts formatted them on the GUI thread, by local date; the filters are
// applied before the entries are set.
//
// Roles: artist (the user's artist), event (the event's name when it says more than the artist's), date and time
// (local, formatted), month (the section: "March 2026"), venue, city, distance ("12 km", empty when the venue has no
// coordinates), why (why the artist is the user's, translated), ticketUrl, provider, stale (from an expired cache
// because the provider could not be asked), staleAge ("Listed 30 hours ago …", empty when fresh), support (the
// artist is a support act), showIndex (the show's place in Concerts' unfiltered list, for saveToCalendar).
class ConcertListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Concerts provides the list")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        ArtistRole = Qt::UserRole + 1,
        EventRole,
        DateRole,
        TimeRole,
        MonthRole,
        VenueRole,
        CityRole,
        DistanceRole,
        WhyRole,
        TicketUrlRole,
        ProviderRole,
        StaleRole,
        StaleAgeRole,
        SupportRole,
        ShowIndexRole
    };

    struct Entry {
        QString artist;
        QString event;
        QString date;
        QString time;
        QString month;
        QString venue;
        QString city;
        QString distance;
        QString why;
        QUrl ticketUrl;
        QString provider;
        bool stale = false;
        QString staleAge;
        bool support = false;
        int showIndex = 0;

        friend bool operator==(const Entry &, const Entry &) = default;
    };

    explicit ConcertListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const;
    const QList<Entry> &entries() const;
    // Replaces the entries; a list that did not change emits nothing, so the view keeps its place and focus.
    void setEntries(const QList<Entry> &entries);

Q_SIGNALS:
    void countChanged();

private:
    QList<Entry> m_entries;
};
