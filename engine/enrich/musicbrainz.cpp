#include "engine/enrich/musicbrainz.h"

#include "engine/spotify/endpoints.h"
#include "tunescoutversion.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>

namespace engine
{

namespace
{

constexpr qsizetype LongestTagName = 64;

// Tags of one entity from its "tags" array; entries without a name or a numeric count are skipped, a count
// that is not an integer is an error (the body is not what MusicBrainz serves).
Result<QList<TagVote>> readTags(const QJsonObject &entity, const QString &where)
{
    const QJsonValue value = entity.value(QLatin1String("tags"));
    if (value.isUndefined() || value.isNull()) {
        return QList<TagVote>();
    }
    if (!value.isArray()) {
        return Error{Error::Code::InvalidInput, QStringLiteral("%1.tags is not an array").arg(where)};
    }
    QList<TagVote> tags;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject tag = array.at(i).toObject();
        const QJsonValue count = tag.value(QLatin1String("count"));
        if (!tag.value(QLatin1String("name")).isString() || !count.isDouble()) {
            return Error{
                Error::Code::InvalidInput,
                QStringLiteral("%1.tags[%2] needs a string \"name\" and a number \"count\"").arg(where).arg(i)};
        }
        tags.append({tag.value(QLatin1String("name")).toString(), count.toInt()});
    }
    return tags;
}

void addVotes(QHash<QString, int> &sums, const QList<TagVote> &tags)
{
    for (const TagVote &tag : tags) {
        const QString name = normalisedTagName(tag.name);
        if (!name.isEmpty()) {
            sums[name] += tag.votes;
        }
    }
}

} // namespace

MusicBrainzEndpoint MusicBrainzEndpoint::defaults()
{
    return {QUrl(QString::fromLatin1(DefaultUrl)), musicBrainzUserAgent()};
}

Result<MusicBrainzEndpoint> MusicBrainzEndpoint::fromEnvironment(const QProcessEnvironment &environment)
{
    MusicBrainzEndpoint endpoint = defaults();
    const QString variable = QString::fromLatin1(UrlVariable);
    const QString value = environment.value(variable);
    if (value.isEmpty()) {
        return endpoint;
    }
    const auto url = parseBaseUrl(value, variable);
    if (!url) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("%1 must be an absolute http:// or https:// URL with a host and without a query, "
                                    "such as %2; it is \"%3\".")
                         .arg(variable, QString::fromLatin1(DefaultUrl), value)};
    }
    endpoint.baseUrl = url.value();
    return endpoint;
}

QByteArray musicBrainzUserAgent()
{
    const QByteArray contact = QByteArrayLiteral(TUNESCOUT_CONTACT);
    const QByteArray product = QByteArrayLiteral("TuneScout/" TUNESCOUT_VERSION);
    return contact.isEmpty() ? product : product + " ( " + contact + " )";
}

QString normalisedIsrc(const QString &isrc)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$"));
    QString compact = isrc.toUpper();
    compact.remove(QLatin1Char('-'));
    compact.remove(QLatin1Char(' '));
    return shape.match(compact).hasMatch() ? compact : QString();
}

QString normalisedTagName(const QString &name)
{
    const QString normalised = name.simplified().toLower();
    return normalised.size() > LongestTagName ? QString() : normalised;
}

QList<TagVote> filteredTags(const QList<TagVote> &tags)
{
    QHash<QString, int> sums;
    addVotes(sums, tags);
    int most = 0;
    for (const int votes : std::as_const(sums)) {
        most = std::max(most, votes);
    }
    QList<TagVote> kept;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
        // votes * 10 >= most: at least a tenth, in integers.
        if (it.value() >= 1 && it.value() * 10 >= most) {
            kept.append({it.key(), it.value()});
        }
    }
    std::sort(kept.begin(), kept.end(), [](const TagVote &a, const TagVote &b) {
        return a.votes != b.votes ? a.votes > b.votes : a.name < b.name;
    });
    return kept;
}

Result<IsrcTags> parseIsrcLookup(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error{Error::Code::InvalidInput,
                     QStringLiteral("the answer is not JSON: %1 at byte %2 of %3")
                         .arg(parseError.errorString())
                         .arg(parseError.offset)
                         .arg(body.size())};
    }
    const QJsonObject root = document.object();
    const QJsonValue recordingsValue = root.value(QLatin1String("recordings"));
    if (!document.isObject() || !recordingsValue.isArray()) {
        return Error{Error::Code::InvalidInput, QStringLiteral("the answer has no \"recordings\" array")};
    }
    IsrcTags result;
    QHash<QString, int> recordingVotes;
    QHash<QString, qsizetype> artistIndex; // by MBID: an artist credited on several recordings counts once
    const QJsonArray recordings = recordingsValue.toArray();
    for (qsizetype r = 0; r < recordings.size(); ++r) {
        const QString where = QStringLiteral("recordings[%1]").arg(r);
        const QJsonObject recording = recordings.at(r).toObject();
        const QString mbid = recording.value(QLatin1String("id")).toString();
        if (mbid.isEmpty()) {
            return Error{Error::Code::InvalidInput, QStringLiteral("%1 has no \"id\"").arg(where)};
        }
        if (result.recordingMbid.isEmpty()) {
            result.recordingMbid = mbid;
        }
        auto tags = readTags(recording, where);
        if (!tags) {
            return tags.error();
        }
        addVotes(recordingVotes, tags.value());

        const QJsonArray credits = recording.value(QLatin1String("artist-credit")).toArray();
        for (qsizetype c = 0; c < credits.size(); ++c) {
            const QString creditWhere = QStringLiteral("%1.artist-credit[%2]").arg(where).arg(c);
            const QJsonObject credit = credits.at(c).toObject();
            const QJsonObject artist = credit.value(QLatin1String("artist")).toObject();
            const QString artistMbid = artist.value(QLatin1String("id")).toString();
            const QString name = artist.value(QLatin1String("name")).toString();
            if (artistMbid.isEmpty() || name.isEmpty()) {
                return Error{Error::Code::InvalidInput,
                             QStringLiteral("%1.artist needs an \"id\" and a \"name\"").arg(creditWhere)};
            }
            auto artistTags = readTags(artist, creditWhere + QStringLiteral(".artist"));
            if (!artistTags) {
                return artistTags.error();
            }
            if (artistIndex.contains(artistMbid)) {
                continue;
            }
            const QString credited = credit.value(QLatin1String("name")).toString();
            artistIndex.insert(artistMbid, result.artists.size());
            result.artists.append(
                {artistMbid, name, credited == name ? QString() : credited, filteredTags(artistTags.value())});
        }
    }
    QList<TagVote> summed;
    for (auto it = recordingVotes.cbegin(); it != recordingVotes.cend(); ++it) {
        summed.append({it.key(), it.value()});
    }
    result.recordingTags = filteredTags(summed);
    return result;
}

} // namespace engine
