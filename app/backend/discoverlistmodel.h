#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

// One list of the Discover page ("For you now", "Rediscover", "Deeper cuts of your top artists"), as Discover
// formatted it on the GUI thread.
//
// Roles: title (the track's name), artists (its artist), album, explanation (why it is recommended, translated),
// uri (spotify:track:…), artistUri (spotify:artist:…, empty for a name-only artist), liked (the latest like or
// unlike of the track is a like).
class DiscoverListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Discover provides the lists")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        TitleRole = Qt::UserRole + 1,
        ArtistsRole,
        AlbumRole,
        ExplanationRole,
        UriRole,
        ArtistUriRole,
        LikedRole
    };

    struct Entry {
        QString title;
        QString artists;
        QString album;
        QString explanation;
        QString uri;
        QString artistUri;
        bool liked = false;

        friend bool operator==(const Entry &, const Entry &) = default;
    };

    explicit DiscoverListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const;
    const QList<Entry> &entries() const;
    // The tracks' URIs in the list's order: what "Play this" hands to Player.playUris().
    Q_INVOKABLE QStringList uris() const;
    // Replaces the entries; a list that did not change emits nothing, so the view keeps its place and focus.
    void setEntries(const QList<Entry> &entries);

Q_SIGNALS:
    void countChanged();

private:
    QList<Entry> m_entries;
};
