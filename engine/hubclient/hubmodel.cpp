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

void downloadHubModel(HubClient &client,
                      const HubClient::StoreRunner &runner,
                      std::function<void(const HubModelReport &)> done)
{
    struct Known {
        std::optional<HubPairing> pairing;
        std::optional<qint64> version; // of the model kept for this pairing
        QByteArray etag; // of the model kept for this pairing; empty when none or kept before ETags were
        QString error;
    };
    auto known = std::make_shared<Known>();
    const QPointer<HubClient> self(&client);
    runner(
        [known](Store &store) {
            auto ledger = HubLedger::create(store);
            auto pairing = ledger ? ledger.value().pairing() : Result<std::optional<HubPairing>>(ledger.error());
            if (!pairing) {
                known->error = pairing.error().message;
                return;
            }
            known->pairing = pairing.value();
            auto models = HubModelRepository::create(store.database());
            auto kept = models ? models.value().load() : Result<std::optional<HubModel>>(models.error());
            // A damaged model is simply downloaded again.
            if (kept && kept.value() && known->pairing && kept.value()->hubUrl == known->pairing->url
                && kept.value()->householdId == known->pairing->householdId) {
                known->version = kept.value()->version;
                known->etag = kept.value()->etag;
            }
        },
        [self, known, runner, done] {
            if (!self) {
                return;
            }
            HubModelReport report;
            if (!known->error.isEmpty()) {
                report.message = known->error;
                done(report);
                return;
            }
            if (!known->pairing) {
                report.outcome = HubModelReport::Outcome::NotPaired;
                report.message = QStringLiteral("This device is not paired with a hub.");
                done(report);
                return;
            }
            report.version = known->version.value_or(0);
            QList<std::pair<QByteArray, QByteArray>> headers;
            // A model kept without its ETag is downloaded once more, for the household data and the ETag.
            if (!known->etag.isEmpty()) {
                headers.append({"If-None-Match", known->etag});
            }
            self->get(QString::fromLatin1(modelPath),
                      {},
                      headers,
                      [self, known, runner, done, report](const HubReadReply &reply) mutable {
                          if (reply.outcome == HubReadReply::Outcome::NotPaired
                              || reply.outcome == HubReadReply::Outcome::Revoked) {
                              report.outcome = reply.outcome == HubReadReply::Outcome::NotPaired
                                  ? HubModelReport::Outcome::NotPaired
                                  : HubModelReport::Outcome::Revoked;
                              report.message = reply.message;
                              done(report);
                              return;
                          }
                          if (reply.outcome != HubReadReply::Outcome::Ok) {
                              report.outcome = reply.problemCode == QLatin1String("no_model")
                                  ? HubModelReport::Outcome::NoModel
                                  : HubModelReport::Outcome::Failed;
                              report.message = reply.message;
                              done(report);
                              return;
                          }
                          if (reply.httpStatus == 304) {
                              report.outcome = HubModelReport::Outcome::Unchanged;
                              done(report);
                              return;
                          }
                          auto parsed = parseHubModel(reply.json);
                          if (!parsed) {
                              qCWarning(lcHubModel).noquote() << parsed.error().message;
                              report.message = parsed.error().message;
                              done(report);
                              return;
                          }
                          auto model = std::make_shared<HubModel>(std::move(parsed).value());
                          model->hubUrl = known->pairing->url;
                          model->householdId = known->pairing->householdId;
                          model->downloadedAtMs = QDateTime::currentMSecsSinceEpoch();
                          model->etag = reply.etag;
                          auto saved = std::make_shared<Result<void>>();
                          runner(
                              [model, saved](Store &store) {
                                  auto models = HubModelRepository::create(store.database());
                                  *saved = models ? models.value().save(*model) : Result<void>(models.error());
                              },
                              [self, model, saved, done, report]() mutable {
                                  if (!self) {
                                      return;
                                  }
                                  if (!*saved) {
                                      report.message = saved->error().message;
                                      done(report);
                                      return;
                                  }
                                  qCInfo(lcHubModel) << "household model version" << model->version << "with"
                                                     << model->itemIds.size() << "items kept";
                                  report.outcome = HubModelReport::Outcome::Downloaded;
                                  report.version = model->version;
                                  done(report);
                              });
                      });
        });
}

} // namespace engine
