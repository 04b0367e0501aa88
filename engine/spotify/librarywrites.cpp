#include "engine/spotify/librarywrites.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace engine
{

namespace
{

QUrlQuery urisQuery(const QStringList &uris)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("uris"), uris.join(QLatin1Char(',')));
    return query;
}

SpotifyClient::Callback toWriteDone(WriteDone done)
{
    return [done = std::move(done)](const SpotifyResult<SpotifyResponse> &answer) {
        if (!answer) {
            done(answer.error());
            return;
        }
        done(SpotifyResult<void>());
    };
}

// Adds uris[from …] in slices, one request after the other, then answers `done`.
void addItemsFrom(SpotifyClient &client,
                  std::shared_ptr<CreatedPlaylist> playlist,
                  std::shared_ptr<const QStringList> uris,
                  QObject *context,
                  std::function<void(const SpotifyResult<CreatedPlaylist> &)> done)
{
    if (playlist->itemsAdded >= uris->size()) {
        done(*playlist);
        return;
    }
    const QStringList slice = uris->mid(playlist->itemsAdded, kPlaylistItemsPerRequest);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("uris"), QJsonArray::fromStringList(slice)}})
                                .toJson(QJsonDocument::Compact);
    client.post(QStringLiteral("/playlists/%1/items").arg(playlist->id),
                {},
                body,
                SpotifyPriority::Foreground,
                context,
                [&client, playlist, uris, context, done, added = int(slice.size())](
                    const SpotifyResult<SpotifyResponse> &answer) {
                    if (!answer) {
                        done(answer.error());
                        return;
                    }
                    playlist->itemsAdded += added;
                    addItemsFrom(client, playlist, uris, context, done);
                });
}

} // namespace

void saveToLibrary(SpotifyClient &client, const QStringList &uris, QObject *context, WriteDone done)
{
    client.put(QStringLiteral("/me/library"),
               urisQuery(uris),
               {},
               SpotifyPriority::Foreground,
               context,
               toWriteDone(std::move(done)));
}

void removeFromLibrary(SpotifyClient &client, const QStringList &uris, QObject *context, WriteDone done)
{
    client.del(QStringLiteral("/me/library"),
               urisQuery(uris),
               {},
               SpotifyPriority::Foreground,
               context,
               toWriteDone(std::move(done)));
}

void libraryContains(SpotifyClient &client,
                     const QStringList &uris,
                     QObject *context,
                     std::function<void(const SpotifyResult<QList<bool>> &)> done)
{
    client.get(QStringLiteral("/me/library/contains"),
               urisQuery(uris),
               SpotifyPriority::Foreground,
               context,
               [done = std::move(done), asked = uris.size()](const SpotifyResult<SpotifyResponse> &answer) {
                   if (!answer) {
                       done(answer.error());
                       return;
                   }
                   const QJsonDocument document = QJsonDocument::fromJson(answer.value().body);
                   const QJsonArray array = document.array();
                   if (!document.isArray() || array.size() != asked) {
                       SpotifyError error;
                       error.kind = SpotifyError::Kind::BadResponse;
                       error.status = answer.value().status;
                       error.detail = QStringLiteral("GET /me/library/contains answered without one boolean per URI");
                       done(error);
                       return;
                   }
                   QList<bool> contained;
                   for (const QJsonValue &value : array) {
                       contained.append(value.toBool());
                   }
                   done(contained);
               });
}

void createPlaylistWithItems(SpotifyClient &client,
                             const QString &name,
                             const QString &description,
                             bool isPublic,
                             const QStringList &uris,
                             QObject *context,
                             std::function<void(const SpotifyResult<CreatedPlaylist> &)> done)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                                      {QStringLiteral("description"), description},
                                                      {QStringLiteral("public"), isPublic}})
                                .toJson(QJsonDocument::Compact);
    auto list = std::make_shared<const QStringList>(uris);
    client.post(QStringLiteral("/me/playlists"),
                {},
                body,
                SpotifyPriority::Foreground,
                context,
                [&client, list, context, done](const SpotifyResult<SpotifyResponse> &answer) {
                    if (!answer) {
                        done(answer.error());
                        return;
                    }
                    const QJsonObject object = QJsonDocument::fromJson(answer.value().body).object();
                    auto playlist = std::make_shared<CreatedPlaylist>();
                    playlist->id = object.value(QStringLiteral("id")).toString();
                    playlist->uri = object.value(QStringLiteral("uri")).toString();
                    if (playlist->id.isEmpty()) {
                        SpotifyError error;
                        error.kind = SpotifyError::Kind::BadResponse;
                        error.status = answer.value().status;
                        error.detail = QStringLiteral("POST /me/playlists answered without a playlist id");
                        done(error);
                        return;
                    }
                    addItemsFrom(client, playlist, list, context, done);
                });
}

} // namespace engine
