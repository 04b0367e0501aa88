#pragma once

// The household hub's model on this device: GET /api/v1/model (hub/openapi.yaml) downloaded only when its
// version changed, and its household tracks (GET /api/v1/model/household) only when the household played
// something new, each checked before it replaces what is kept in the cache (migrations/client/0008, 0009), so
// that household picks work offline and a bad answer never costs the model already here.

#include "engine/hubclient/hubclient.h"
#include "engine/model/result.h"
#include "engine/recommend/als.h"
#include "engine/recommend/types.h"
#include "engine/store/sqlitedatabase.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

namespace engine
{

// An artist of a household track as the hub had it synced: the URI is empty when the play had none.
struct HubModelArtist {
    QString uri;
    QString name;

    friend bool operator==(const HubModelArtist &, const HubModelArtist &) = default;
};

// A track of the model that the household played: its name, its artists and who played it, most plays first.
struct HubModelTrack {
    QString uri;
    QString name;
    QStringList members;
    QList<HubModelArtist> artists; // empty from a hub (or a kept model) from before artists were served

    friend bool operator==(const HubModelTrack &, const HubModelTrack &) = default;
};

struct HubModel {
    QUrl hubUrl; // the pairing it came from
    qint64 householdId = 0;
    qint64 version = 0;
    qint64 createdAtMs = 0;
    qint64 downloadedAtMs = 0;
    int dimensions = 0;
    QJsonObject params; // the ALS options the hub trained with
    QStringList itemIds; // track URIs, the rows of factors
    QByteArray factors; // itemIds.size() × dimensions little-endian float32, row-major
    QList<HubModelTrack> householdTracks;
    // The answer's ETag (model version and household data), sent back as If-None-Match; empty for a model kept
    // from before the hub's ETag covered the household.
    QByteArray etag;

    // The factors as a matrix (one row per item).
    recommend::RowMatrix itemFactors() const;
    // The options a fold-in into this model must use (params), or InvalidInput naming what is missing.
    Result<recommend::AlsOptions> foldInOptions() const;

    friend bool operator==(const HubModel &, const HubModel &) = default;
};

// Sizes a model may have: beyond them an answer is refused rather than held in memory.
inline constexpr int kHubModelMaxDimensions = 1024;
inline constexpr qsizetype kHubModelMaxBytes = qsizetype(512) * 1024 * 1024;

// The model in a 200 answer of GET /api/v1/model, checked: the encoding, dimensions × items × 4 bytes equal to
// the decoded factors, finite values, unique track URIs, usable params. InvalidInput names the field at fault.
Result<HubModel> parseHubModel(const QJsonObject &json);

// The hub_model row of the cache (one model at most). Lives on the store's thread.
class HubModelRepository
{
public:
    static Result<HubModelRepository> create(SqliteDatabase &database);

    Result<std::optional<HubModel>> load();
    // Replaces the model kept (if any) with `model`.
    Result<void> save(const HubModel &model);
    // Replaces the household tracks (household_tracks of GET /api/v1/model/household, checked against the model's
    // items) and the ETag of the model kept, if it is `version` from `hubUrl`; false when it is not.
    Result<bool>
    saveHousehold(const QUrl &hubUrl, qint64 version, const QJsonValue &householdTracks, const QByteArray &etag);

private:
    explicit HubModelRepository(SqliteDatabase &database);

    SqliteDatabase *m_database = nullptr;
    SqliteStatement m_select;
    SqliteStatement m_replace;
    SqliteStatement m_updateHousehold;
};

struct HubModelReport {
    enum class Outcome {
        Downloaded, // a new version (or the first one), or new household tracks for the version kept
        Unchanged, // the hub answered 304: the model kept and its household tracks are current
        NoModel, // the hub has not trained one yet
        NotPaired,
        Revoked,
        Failed, // unreachable, refused, or a bad answer: the model kept (if any) stays
    };
    Outcome outcome = Outcome::Failed;
    qint64 version = 0; // the model this device has now; 0 for none
    QString message;
};

// Asks the paired hub whether its model's version changed (If-None-Match of the version kept for this pairing)
// and keeps a new one; when it did not, asks for the household's tracks with the ETag kept and keeps new ones. `runner`
// is the HubClient's (the store's thread in the app, at once in the CLI). `done` runs on the client's thread; nothing
// runs once `client` is gone.
void downloadHubModel(HubClient &client,
                      const HubClient::StoreRunner &runner,
                      std::function<void(const HubModelReport &)> done);

} // namespace engine
