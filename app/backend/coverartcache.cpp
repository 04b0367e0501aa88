#include "coverartcache.h"

#include <QDateTime>
#include <QDir>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>

Q_LOGGING_CATEGORY(lcCoverArt, "tunescout.app.coverart")

namespace
{

// Spotify's image URLs name their content (a new picture gets a new URL): a cover that came without an expiry is
// kept as fresh for a year, so that it loads from disk instead of being fetched again.
class CoverDiskCache : public QNetworkDiskCache
{
public:
    using QNetworkDiskCache::QNetworkDiskCache;

    QIODevice *prepare(const QNetworkCacheMetaData &metaData) override
    {
        QNetworkCacheMetaData kept(metaData);
        if (!kept.expirationDate().isValid()) {
            kept.setExpirationDate(QDateTime::currentDateTimeUtc().addDays(365));
        }
        return QNetworkDiskCache::prepare(kept);
    }
};

} // namespace

CoverArtCache::CoverArtCache(QString directory)
    : m_directory(std::move(directory))
{
}

QNetworkAccessManager *CoverArtCache::create(QObject *parent)
{
    auto *manager = new QNetworkAccessManager(parent);
    auto *cache = new CoverDiskCache(manager);
    cache->setCacheDirectory(m_directory);
    cache->setMaximumCacheSize(maximumBytes);
    manager->setCache(cache);
    qCDebug(lcCoverArt) << "covers cached in" << m_directory;
    return manager;
}

QString CoverArtCache::directory() const
{
    return m_directory;
}

QString CoverArtCache::directoryIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("covers"));
}
