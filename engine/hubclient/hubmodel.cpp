#include "engine/hubclient/hubmodel.h"

#include "engine/hubclient/hubledger.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <QtEndian>

#include <cmath>
#include <memory>

Q_LOGGING_CATEGORY(lcHubModel, "tunescout.hubclient.model")

namespace engine
{

namespace
{

constexpr auto modelPath = "/api/v1/model";
constexpr auto householdPath = "/api/v1/model/household";
constexpr auto encoding = "float32-le-row-major-base64";

Error invalid(const QString &what)
{
    return Error{Error::Code::InvalidInput, QStringLiteral("The hub's model is unusable: %1").arg(what)};
}

Error corrupt(const QString &what)
{
    return Error{Error::Code::Corrupt,
                 QStringLiteral("The household model kept in the cache is damaged: %1").arg(what)};
}

bool isSpotifyUri(const QString &uri, QLatin1String prefix)
{
    if (!uri.startsWith(prefix) || uri.size() == prefix.size()) {
        return false;
    }
    return std::all_of(uri.cbegin() + prefix.size(), uri.cend(), [](QChar c) {
        return c.isLetterOrNumber() && c.unicode() < 128;
    });
}

bool isTrackUri(const QString &uri)
{
    return isSpotifyUri(uri, QLatin1String("spotify:track:"));
}

// The artists of household_tracks[index]: each with a name, the URI (when there is one) an artist's.
Result<QList<HubModelArtist>> artistsFrom(const QJsonValue &value, qsizetype index)
{
    QList<HubModelArtist> artists;
    if (value.isUndefined() || value.isNull()) {
        return artists;
    }
    if (!value.isArray()) {
        return invalid(QStringLiteral("household_tracks[%1].artists is not an array.").arg(index));
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        HubModelArtist artist{object.value(QStringLiteral("uri")).toString(),
                              object.value(QStringLiteral("name")).toString()};
        if (artist.name.isEmpty()) {
            return invalid(QStringLiteral("household_tracks[%1].artists[%2] has no name.").arg(index).arg(i));
        }
        if (!artist.uri.isEmpty() && !isSpotifyUri(artist.uri, QLatin1String("spotify:artist:"))) {
            return invalid(
                QStringLiteral("household_tracks[%1].artists[%2].uri is not a Spotify artist URI.").arg(index).arg(i));
        }
        artists.append(artist);
    }
    return artists;
}

// Checks what the items, dimensions and factors say together; `where` names them for the message.
std::optional<QString> checkFactors(const QStringList &itemIds, int dimensions, const QByteArray &factors)
{
    if (dimensions < 1 || dimensions > kHubModelMaxDimensions) {
        return QStringLiteral("dimensions is %1, not from 1 to %2.").arg(dimensions).arg(kHubModelMaxDimensions);
    }
    const qsizetype expected = itemIds.size() * qsizetype(dimensions) * qsizetype(sizeof(float));
    if (factors.size() != expected) {
        return QStringLiteral("factors holds %1 bytes, but %2 items × %3 dimensions × 4 bytes are %4.")
            .arg(factors.size())
            .arg(itemIds.size())
            .arg(dimensions)
            .arg(expected);
    }
    for (qsizetype i = 0; i < factors.size() / qsizetype(sizeof(float)); ++i) {
        const float value = qFromLittleEndian<float>(factors.constData() + i * qsizetype(sizeof(float)));
        if (!std::isfinite(value)) {
            return QStringLiteral("factors value %1 (item %2, dimension %3) is not a finite number.")
                .arg(i)
                .arg(itemIds.value(i / dimensions))
                .arg(i % dimensions);
        }
    }
    return std::nullopt;
}

Result<QList<HubModelTrack>> tracksFrom(const QJsonValue &value, const QSet<QString> &items)
{
    QList<HubModelTrack> tracks;
    if (value.isUndefined() || value.isNull()) {
        return tracks;
    }
    if (!value.isArray()) {
        return invalid(QStringLiteral("household_tracks is not an array."));
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        HubModelTrack track;
        track.uri = object.value(QStringLiteral("uri")).toString();
        track.name = object.value(QStringLiteral("name")).toString();
        if (!items.contains(track.uri) || track.name.isEmpty()) {
            return invalid(QStringLiteral("household_tracks[%1] is not a named track of the model.").arg(i));
        }
        for (const QJsonValue &member : object.value(QStringLiteral("members")).toArray()) {
            track.members.append(member.toString());
        }
        auto artists = artistsFrom(object.value(QStringLiteral("artists")), i);
        if (!artists) {
            return artists.error();
        }
        track.artists = std::move(artists).value();
        tracks.append(track);
    }
    return tracks;
}

QJsonArray tracksJson(const QList<HubModelTrack> &tracks)
{
    QJsonArray json;
    for (const HubModelTrack &track : tracks) {
        QJsonArray artists;
        for (const HubModelArtist &artist : track.artists) {
            QJsonObject object{{QStringLiteral("name"), artist.name}};
            if (!artist.uri.isEmpty()) {
                object.insert(QStringLiteral("uri"), artist.uri);
            }
            artists.append(object);
        }
        json.append(QJsonObject{{QStringLiteral("uri"), track.uri},
                                {QStringLiteral("name"), track.name},
                                {QStringLiteral("members"), QJsonArray::fromStringList(track.members)},
                                {QStringLiteral("artists"), artists}});
    }
    return json;
}

} // namespace

recommend::RowMatrix HubModel::itemFactors() const
{
    recommend::RowMatrix items(itemIds.size(), dimensions);
    qFromLittleEndian<float>(factors.constData(), items.size(), items.data());
    return items;
}

Result<recommend::AlsOptions> HubModel::foldInOptions() const
{
    recommend::AlsOptions options;
    options.factors = dimensions;
    const double regularization = params.value(QStringLiteral("regularization")).toDouble(-1);
    const double alpha = params.value(QStringLiteral("alpha")).toDouble(-1);
    if (!std::isfinite(regularization) || regularization <= 0) {
        return invalid(QStringLiteral("params.regularization must be a positive number."));
    }
    if (!std::isfinite(alpha) || alpha <= 0) {
        return invalid(QStringLiteral("params.alpha must be a positive number."));
    }
    options.regularization = float(regularization);
    options.alpha = float(alpha);
    const QString weighting = params.value(QStringLiteral("weighting")).toString(QStringLiteral("log1p"));
    if (weighting == QLatin1String("log1p")) {
        options.weighting = recommend::Weighting::Log1p;
    } else if (weighting == QLatin1String("bm25")) {
        options.weighting = recommend::Weighting::Bm25;
    } else {
        return invalid(QStringLiteral("params.weighting is \"%1\", not log1p or bm25.").arg(weighting));
    }
    return options;
}

Result<HubModel> parseHubModel(const QJsonObject &json)
{
    HubModel model;
    if (json.value(QStringLiteral("encoding")).toString() != QLatin1String(encoding)) {
        return invalid(QStringLiteral("encoding is \"%1\", not %2.")
                           .arg(json.value(QStringLiteral("encoding")).toString(), QLatin1String(encoding)));
    }
    const QJsonValue version = json.value(QStringLiteral("version"));
    model.version = version.toInteger(-1);
    if (!version.isDouble() || model.version < 1) {
        return invalid(QStringLiteral("version is missing or not a positive whole number."));
    }
    model.createdAtMs = json.value(QStringLiteral("created_at_ms")).toInteger();
    const QJsonValue dimensions = json.value(QStringLiteral("dimensions"));
    if (!dimensions.isDouble()) {
        return invalid(QStringLiteral("dimensions is missing or not a number."));
    }
    model.dimensions = int(dimensions.toInteger());
    model.params = json.value(QStringLiteral("params")).toObject();
    const QJsonValue items = json.value(QStringLiteral("item_ids"));
    if (!items.isArray()) {
        return invalid(QStringLiteral("item_ids is missing or not an array."));
    }
    QSet<QString> seen;
    const QJsonArray itemArray = items.toArray();
    for (qsizetype i = 0; i < itemArray.size(); ++i) {
        const QString uri = itemArray.at(i).toString();
        if (!isTrackUri(uri)) {
            return invalid(QStringLiteral("item_ids[%1] is not a Spotify track URI.").arg(i));
        }
        if (seen.contains(uri)) {
            return invalid(QStringLiteral("item_ids[%1] (%2) appears twice.").arg(i).arg(uri));
        }
        seen.insert(uri);
        model.itemIds.append(uri);
    }
    const QByteArray base64 = json.value(QStringLiteral("factors")).toString().toLatin1();
    if (base64.size() / 4 * 3 > kHubModelMaxBytes) {
        return invalid(QStringLiteral("factors is larger than %1 MiB.").arg(kHubModelMaxBytes / 1024 / 1024));
    }
    auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return invalid(QStringLiteral("factors is not base64."));
    }
    model.factors = *std::move(decoded);
    if (const auto problem = checkFactors(model.itemIds, model.dimensions, model.factors)) {
        return invalid(*problem);
    }
    if (const auto options = model.foldInOptions(); !options) {
        return options.error();
    }
    auto tracks = tracksFrom(json.value(QStringLiteral("household_tracks")), seen);
    if (!tracks) {
        return tracks.error();
    }
    model.householdTracks = std::move(tracks).value();
    return model;
}

HubModelRepository::HubModelRepository(SqliteDatabase &database)
    : m_database(&database)
{
}

Result<HubModelRepository> HubModelRepository::create(SqliteDatabase &database)
{
    HubModelRepository r(database);
    const auto prepared = database.prepareAll({
        {&r.m_select,
         "SELECT hub_url, household_id, version, created_at_ms, downloaded_at_ms, dimensions, params, item_ids, "
         "factors, household_tracks, etag FROM hub_model WHERE id = 1"},
        {&r.m_updateHousehold, "UPDATE hub_model SET household_tracks = ?1, etag = ?2 WHERE id = 1"},
        {&r.m_replace,
         "INSERT OR REPLACE INTO hub_model (id, hub_url, household_id, version, created_at_ms, downloaded_at_ms, "
         "dimensions, params, item_ids, factors, household_tracks, etag) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
         "?9, ?10, ?11)"},
    });
    if (!prepared) {
        return prepared.error();
    }
    return r;
}

Result<std::optional<HubModel>> HubModelRepository::load()
{
    if (auto bound = m_select.rebind(); !bound) {
        return bound.error();
    }
    const auto row = m_select.step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return std::optional<HubModel>();
    }
    HubModel model;
    model.hubUrl = QUrl(m_select.columnText(0));
    model.householdId = m_select.columnInt64(1);
    model.version = m_select.columnInt64(2);
    model.createdAtMs = m_select.columnInt64(3);
    model.downloadedAtMs = m_select.columnInt64(4);
    model.dimensions = int(m_select.columnInt64(5));
    model.params = QJsonDocument::fromJson(m_select.columnText(6).toUtf8()).object();
    const QJsonArray items = QJsonDocument::fromJson(m_select.columnText(7).toUtf8()).array();
    for (const QJsonValue &item : items) {
        model.itemIds.append(item.toString());
    }
    model.factors = m_select.columnBytes(8).toByteArray();
    const QJsonArray tracks = QJsonDocument::fromJson(m_select.columnText(9).toUtf8()).array();
    model.etag = m_select.columnText(10).toUtf8();
    QSet<QString> itemSet(model.itemIds.cbegin(), model.itemIds.cend());
    auto householdTracks = tracksFrom(tracks, itemSet);
    m_select.reset();
    if (!householdTracks) {
        return corrupt(householdTracks.error().message);
    }
    model.householdTracks = std::move(householdTracks).value();
    // The table's CHECK holds the sizes; the values could still have been damaged on disk.
    if (const auto problem = checkFactors(model.itemIds, model.dimensions, model.factors)) {
        return corrupt(*problem);
    }
    return std::optional<HubModel>(std::move(model));
}

Result<void> HubModelRepository::save(const HubModel &model)
{
    return m_replace.execute(
        {model.hubUrl.toString(),
         model.householdId,
         model.version,
         model.createdAtMs,
         model.downloadedAtMs,
         model.dimensions,
         QString::fromUtf8(QJsonDocument(model.params).toJson(QJsonDocument::Compact)),
         QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(model.itemIds)).toJson(QJsonDocument::Compact)),
         model.factors,
         QString::fromUtf8(QJsonDocument(tracksJson(model.householdTracks)).toJson(QJsonDocument::Compact)),
         QString::fromLatin1(model.etag)});
}

Result<bool> HubModelRepository::saveHousehold(const QUrl &hubUrl,
                                               qint64 version,
                                               const QJsonValue &householdTracks,
                                               const QByteArray &etag)
{
    auto kept = load();
    if (!kept) {
        return kept.error();
    }
    if (!kept.value() || kept.value()->hubUrl != hubUrl || kept.value()->version != version) {
        return false;
    }
    const QSet<QString> items(kept.value()->itemIds.cbegin(), kept.value()->itemIds.cend());
    auto tracks = tracksFrom(householdTracks, items);
    if (!tracks) {
        return tracks.error();
    }
    if (auto updated = m_updateHousehold.execute(
            {QString::fromUtf8(QJsonDocument(tracksJson(tracks.value())).toJson(QJsonDocument::Compact)),
             QString::fromLatin1(etag)});
        !updated) {
        return updated.error();
    }
    return true;
}

namespace
{

// One downloadHubModel call: what it knows of the model kept, and where it reports.
struct ModelDownload {
    QPointer<HubClient> client;
    HubClient::StoreRunner runner;
    std::function<void(const HubModelReport &)> done;
    std::optional<HubPairing> pairing;
    std::optional<qint64> version; // of the model kept for this pairing
    QByteArray etag; // of the model kept for this pairing; empty when none or kept before ETags were
    QString error;
    HubModelReport report;

    void finish(HubModelReport::Outcome outcome, const QString &message = {})
    {
        report.outcome = outcome;
        report.message = message;
        done(report);
    }
};

// Reports what a reply that is not an answer means (not paired, revoked, no model, failed); false for an answer.
bool finishedWithout(ModelDownload &download, const HubReadReply &reply)
{
    if (reply.outcome == HubReadReply::Outcome::NotPaired) {
        download.finish(HubModelReport::Outcome::NotPaired, reply.message);
        return true;
    }
    if (reply.outcome == HubReadReply::Outcome::Revoked) {
        download.finish(HubModelReport::Outcome::Revoked, reply.message);
        return true;
    }
    if (reply.outcome != HubReadReply::Outcome::Ok) {
        download.finish(reply.problemCode == QLatin1String("no_model") ? HubModelReport::Outcome::NoModel
                                                                       : HubModelReport::Outcome::Failed,
                        reply.message);
        return true;
    }
    return false;
}

void fetchHousehold(const std::shared_ptr<ModelDownload> &download);

// GET /api/v1/model with `ifNoneMatch` (none: the whole model). On 304 with the version alone, the factors kept
// are current and the household's part is asked for on its own.
void fetchModel(const std::shared_ptr<ModelDownload> &download, const QByteArray &ifNoneMatch)
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!ifNoneMatch.isEmpty()) {
        headers.append({"If-None-Match", ifNoneMatch});
    }
    const bool versionOnly = ifNoneMatch != download->etag;
    download->client->get(QString::fromLatin1(modelPath),
                          {},
                          headers,
                          [download, versionOnly](const HubReadReply &reply) {
                              if (finishedWithout(*download, reply)) {
                                  return;
                              }
                              if (reply.httpStatus == 304) {
                                  if (versionOnly) {
                                      fetchHousehold(download);
                                  } else {
                                      download->finish(HubModelReport::Outcome::Unchanged);
                                  }
                                  return;
                              }
                              auto parsed = parseHubModel(reply.json);
                              if (!parsed) {
                                  qCWarning(lcHubModel).noquote() << parsed.error().message;
                                  download->finish(HubModelReport::Outcome::Failed, parsed.error().message);
                                  return;
                              }
                              auto model = std::make_shared<HubModel>(std::move(parsed).value());
                              model->hubUrl = download->pairing->url;
                              model->householdId = download->pairing->householdId;
                              model->downloadedAtMs = QDateTime::currentMSecsSinceEpoch();
                              model->etag = reply.etag;
                              auto saved = std::make_shared<Result<void>>();
                              download->runner(
                                  [model, saved](Store &store) {
                                      auto models = HubModelRepository::create(store.database());
                                      *saved = models ? models.value().save(*model) : Result<void>(models.error());
                                  },
                                  [download, model, saved] {
                                      if (!download->client) {
                                          return;
                                      }
                                      if (!*saved) {
                                          download->finish(HubModelReport::Outcome::Failed, saved->error().message);
                                          return;
                                      }
                                      qCInfo(lcHubModel) << "household model version" << model->version << "with"
                                                         << model->itemIds.size() << "items kept";
                                      download->report.version = model->version;
                                      download->finish(HubModelReport::Outcome::Downloaded);
                                  });
                          });
}

// GET /api/v1/model/household with the ETag kept: the household's tracks alone, for the factors kept. A hub
// from before that path (404 not_found) is asked for the whole model with the ETag kept, as it used to be.
void fetchHousehold(const std::shared_ptr<ModelDownload> &download)
{
    download->client->get(
        QString::fromLatin1(householdPath),
        {},
        {{"If-None-Match", download->etag}},
        [download](const HubReadReply &reply) {
            if (reply.httpStatus == 404 && reply.problemCode == QLatin1String("not_found")) {
                fetchModel(download, download->etag);
                return;
            }
            if (finishedWithout(*download, reply)) {
                return;
            }
            if (reply.httpStatus == 304) {
                download->finish(HubModelReport::Outcome::Unchanged);
                return;
            }
            // Trained again since the factors were checked: the whole new model.
            if (reply.json.value(QStringLiteral("version")).toInteger(-1) != *download->version) {
                fetchModel(download, {});
                return;
            }
            auto saved = std::make_shared<Result<bool>>(false);
            const QJsonValue tracks = reply.json.value(QStringLiteral("household_tracks"));
            const QByteArray etag = reply.etag;
            download->runner(
                [download, saved, tracks, etag](Store &store) {
                    auto models = HubModelRepository::create(store.database());
                    *saved = models
                        ? models.value().saveHousehold(download->pairing->url, *download->version, tracks, etag)
                        : Result<bool>(models.error());
                },
                [download, saved] {
                    if (!download->client) {
                        return;
                    }
                    if (!*saved) {
                        qCWarning(lcHubModel).noquote() << saved->error().message;
                        download->finish(HubModelReport::Outcome::Failed, saved->error().message);
                        return;
                    }
                    // The model kept was replaced meanwhile (another download): it is the current one.
                    if (!saved->value()) {
                        download->finish(HubModelReport::Outcome::Unchanged);
                        return;
                    }
                    qCInfo(lcHubModel) << "household tracks of model version" << *download->version << "kept";
                    download->finish(HubModelReport::Outcome::Downloaded);
                });
        });
}

} // namespace

void downloadHubModel(HubClient &client,
                      const HubClient::StoreRunner &runner,
                      std::function<void(const HubModelReport &)> done)
{
    auto download = std::make_shared<ModelDownload>();
    download->client = &client;
    download->runner = runner;
    download->done = std::move(done);
    runner(
        [download](Store &store) {
            auto ledger = HubLedger::create(store);
            auto pairing = ledger ? ledger.value().pairing() : Result<std::optional<HubPairing>>(ledger.error());
            if (!pairing) {
                download->error = pairing.error().message;
                return;
            }
            download->pairing = pairing.value();
            auto models = HubModelRepository::create(store.database());
            auto kept = models ? models.value().load() : Result<std::optional<HubModel>>(models.error());
            // A damaged model is simply downloaded again.
            if (kept && kept.value() && download->pairing && kept.value()->hubUrl == download->pairing->url
                && kept.value()->householdId == download->pairing->householdId) {
                download->version = kept.value()->version;
                download->etag = kept.value()->etag;
            }
        },
        [download] {
            if (!download->client) {
                return;
            }
            if (!download->error.isEmpty()) {
                download->finish(HubModelReport::Outcome::Failed, download->error);
                return;
            }
            if (!download->pairing) {
                download->finish(HubModelReport::Outcome::NotPaired,
                                 QStringLiteral("This device is not paired with a hub."));
                return;
            }
            download->report.version = download->version.value_or(0);
            // A model kept without its ETag is downloaded once more, for the household data and the ETag. With
            // one, the version alone asks whether the factors changed.
            fetchModel(download,
                       download->etag.isEmpty() ? QByteArray()
                                                : "\"model-" + QByteArray::number(*download->version) + '"');
        });
}

} // namespace engine
