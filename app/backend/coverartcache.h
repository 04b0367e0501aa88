#pragma once

#include <QQmlNetworkAccessManagerFactory>
#include <QString>

// Cover art on disk: every QML Image loading an http(s) URL (the player's covers) goes through a network access
// manager with a QNetworkDiskCache in `directory`, so that a cover seen once loads from disk next time, also after
// a restart and while offline. Spotify's image URLs name their content (a new picture gets a new URL), so a cached
// copy is used without asking the server again, for as long as the server allows or else a year.
// QQmlEngine does not own its factory: keep this alive for as long as the engine.
class CoverArtCache : public QQmlNetworkAccessManagerFactory
{
public:
    static constexpr qint64 maximumBytes = 100 * 1024 * 1024;

    explicit CoverArtCache(QString directory);

    // QML engines call this from their loader threads: it only reads the directory.
    QNetworkAccessManager *create(QObject *parent) override;

    QString directory() const;
    // The covers' folder in a data folder: `covers` next to tunescout.sqlite, so that --data-dir keeps them apart.
    static QString directoryIn(const QString &dataDir);

private:
    QString m_directory;
};
