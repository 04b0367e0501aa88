#include "hub/dto.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <cmath>

namespace hub
{

namespace
{

// 2000-01-01T00:00:00Z: nothing synced can be older (HB-8).
constexpr qint64 earliestTimeMs = 946684800000;
constexpr qint64 aheadToleranceMs = 24 * 3600 * 1000;
constexpr qint64 maxDurationMs = 86400000;
constexpr int maxDisplayNameChars = 200;
constexpr int maxArtists = 100;

// Thrown inside item validation and turned into that item's "invalid" reason.
struct InvalidItem {
    QString reason;
};

bool isHexDigit(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

bool isAlphanumeric(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

// 8-4-4-4-12 hex digits. Checked by hand rather than with a regular expression: it runs for every synced item, and
// a match object per item was a measurable part of a batch.
bool isUuid(QStringView text)
{
    if (text.size() != 36) {
        return false;
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text.at(i) != QLatin1Char('-') : !isHexDigit(text.at(i))) {
            return false;
        }
    }
    return true;
}

// spotify:TYPE: and 22 letters or digits (by hand, like isUuid).
bool isSpotifyUri(QStringView text, const char *type)
{
    const QLatin1String prefix("spotify:");
    const QLatin1String kind(type);
    const qsizetype idStart = prefix.size() + kind.size() + 1;
    if (text.size() != idStart + 22 || !text.startsWith(prefix) || text.mid(prefix.size(), kind.size()) != kind
        || text.at(idStart - 1) != QLatin1Char(':')) {
        return false;
    }
    for (qsizetype i = idStart; i < text.size(); ++i) {
        if (!isAlphanumeric(text.at(i))) {
            return false;
        }
    }
    return true;
}

// Nesting depth before a DOM is built: Qt's own parser allows far deeper documents (HB-6).
void checkDepth(const QByteArray &body)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxJsonDepth) {
                throw HttpError(
                    400,
                    QByteArrayLiteral("json_too_deep"),
                    QStringLiteral("The JSON body nests deeper than %1 levels (at byte %2).").arg(maxJsonDepth).arg(i));
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
}

// The sets of known fields are built once (function-local statics): building them per item was a measurable part of
// a batch.
void rejectUnknownFields(const QJsonObject &object, const QSet<QString> &known, const QString &where)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            throw InvalidItem{QStringLiteral("%1 has the unknown field \"%2\".").arg(where, it.key().left(64))};
        }
    }
}

const QSet<QString> &nameAndUri()
{
    static const QSet<QString> fields{QStringLiteral("name"), QStringLiteral("uri")};
    return fields;
}

// A string field: valid text of at most maxStringBytes UTF-8 bytes, without NUL (Postgres text cannot hold one).
QString stringField(const QJsonObject &object, const QString &name, bool required, const QString &where)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required) {
            throw InvalidItem{QStringLiteral("%1 needs the field \"%2\".").arg(where, name)};
        }
        return {};
    }
    if (!value.isString()) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 must be a string.").arg(name, where)};
    }
    const QString text = value.toString();
    if (text.toUtf8().size() > maxStringBytes) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 is longer than %3 bytes.").arg(name, where).arg(maxStringBytes)};
    }
    if (!text.isValidUtf16()) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 is not valid Unicode (a lone surrogate).").arg(name, where)};
    }
    if (text.contains(QChar(0))) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 contains a NUL character.").arg(name, where)};
    }
    if (required && text.trimmed().isEmpty()) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 is empty.").arg(name, where)};
    }
    return text;
}

QString uriField(const QJsonObject &object, const QString &name, const char *type, bool required, const QString &where)
{
    const QString uri = stringField(object, name, required, where);
    if (!uri.isEmpty() && !isSpotifyUri(uri, type)) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 is not a Spotify %3 URI (spotify:%3: and 22 letters or "
                                         "digits).")
                              .arg(name, where, QLatin1String(type))};
    }
    return uri;
}

// An integer field within [minimum, maximum]; std::nullopt-like -1 is never in range, so absent returns -1.
qint64 integerField(const QJsonObject &object,
                    const QString &name,
                    qint64 minimum,
                    qint64 maximum,
                    bool required,
                    const QString &where)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required) {
            throw InvalidItem{QStringLiteral("%1 needs the field \"%2\".").arg(where, name)};
        }
        return -1;
    }
    const double number = value.toDouble();
    if (!value.isDouble() || !std::isfinite(number) || number != std::floor(number)) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 must be a whole number.").arg(name, where)};
    }
    if (number < double(minimum) || number > double(maximum)) {
        throw InvalidItem{
            QStringLiteral("\"%1\" in %2 must be from %3 to %4.").arg(name, where).arg(minimum).arg(maximum)};
    }
    return value.toInteger();
}

qint64 timeField(const QJsonObject &object, const QString &name, qint64 nowMs, const QString &where)
{
    const QJsonValue value = object.value(name);
    if (value.isDouble() && value.toDouble() > double(nowMs + aheadToleranceMs)) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 is more than 24 hours in the future.").arg(name, where)};
    }
    if (value.isDouble() && value.toDouble() < double(earliestTimeMs)) {
        throw InvalidItem{
            QStringLiteral("\"%1\" in %2 is before 2000-01-01 (it is Unix milliseconds, UTC).").arg(name, where)};
    }
    return integerField(object, name, earliestTimeMs, nowMs + aheadToleranceMs, true, where);
}

QJsonObject objectField(const QJsonObject &object, const QString &name, const QString &where)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull()) {
        return {};
    }
    if (!value.isObject()) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 must be an object.").arg(name, where)};
    }
    return value.toObject();
}

QJsonArray arrayField(const QJsonObject &object, const QString &name, int maximum, const QString &where)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull()) {
        return {};
    }
    if (!value.isArray()) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 must be an array.").arg(name, where)};
    }
    const QJsonArray array = value.toArray();
    if (array.size() > maximum) {
        throw InvalidItem{QStringLiteral("\"%1\" in %2 has more than %3 entries.").arg(name, where).arg(maximum)};
    }
    return array;
}

// "artists": [{"name", "uri"}] of a play (the URI optional) or of a library snapshot (the URI required).
void validateArtists(const QJsonObject &payload, int maximum, bool uriRequired, const QString &owner)
{
    const QJsonArray artists = arrayField(payload, QStringLiteral("artists"), maximum, owner);
    const QString artistWhere = QStringLiteral("an artist of ") + owner;
    for (const QJsonValue &value : artists) {
        if (!value.isObject()) {
            throw InvalidItem{QStringLiteral("Each of the \"artists\" of %1 must be an object.").arg(owner)};
        }
        rejectUnknownFields(value.toObject(), nameAndUri(), artistWhere);
        stringField(value.toObject(), QStringLiteral("name"), true, artistWhere);
        uriField(value.toObject(), QStringLiteral("uri"), "artist", uriRequired, artistWhere);
    }
}

void validatePlay(SyncItem &item, qint64 nowMs)
{
    const QJsonObject &payload = item.payload;
    const QString where = QStringLiteral("the play");
    static const QSet<QString> fields{QStringLiteral("track_uri"),
                                      QStringLiteral("track_name"),
                                      QStringLiteral("isrc"),
                                      QStringLiteral("duration_ms"),
                                      QStringLiteral("artists"),
                                      QStringLiteral("album"),
                                      QStringLiteral("played_at_ms"),
                                      QStringLiteral("ms_played"),
                                      QStringLiteral("context_uri"),
                                      QStringLiteral("context_type"),
                                      QStringLiteral("source")};
    rejectUnknownFields(payload, fields, where);
    item.uri = uriField(payload, QStringLiteral("track_uri"), "track", false, where);
    stringField(payload, QStringLiteral("track_name"), true, where);
    stringField(payload, QStringLiteral("isrc"), false, where);
    integerField(payload, QStringLiteral("duration_ms"), 0, maxDurationMs, false, where);
    item.timeMs = timeField(payload, QStringLiteral("played_at_ms"), nowMs, where);
    item.msPlayed = integerField(payload, QStringLiteral("ms_played"), 0, maxDurationMs, false, where);
    const QString context = stringField(payload, QStringLiteral("context_uri"), false, where);
    if (!context.isEmpty() && !context.startsWith(QLatin1String("spotify:"))) {
        throw InvalidItem{QStringLiteral("\"context_uri\" in the play is not a Spotify URI.")};
    }
    const QString contextType = stringField(payload, QStringLiteral("context_type"), false, where);
    static const QSet<QString> contextTypes{QStringLiteral("album"),
                                            QStringLiteral("artist"),
                                            QStringLiteral("playlist"),
                                            QStringLiteral("show"),
                                            QStringLiteral("collection")};
    if (!contextType.isEmpty() && !contextTypes.contains(contextType)) {
        throw InvalidItem{QStringLiteral("\"context_type\" in the play must be album, artist, playlist, show or "
                                         "collection.")};
    }
    const QString source = stringField(payload, QStringLiteral("source"), false, where);
    if (!source.isEmpty() && source != QLatin1String("polled") && source != QLatin1String("imported")) {
        throw InvalidItem{QStringLiteral("\"source\" in the play must be polled or imported.")};
    }
    validateArtists(payload, maxArtists, false, QStringLiteral("the play"));
    if (payload.contains(QStringLiteral("album"))) {
        const QJsonObject album = objectField(payload, QStringLiteral("album"), where);
        const QString albumWhere = QStringLiteral("the play's album");
        rejectUnknownFields(album, nameAndUri(), albumWhere);
        stringField(album, QStringLiteral("name"), false, albumWhere);
        uriField(album, QStringLiteral("uri"), "album", false, albumWhere);
    }
}

void validateFeedback(SyncItem &item, qint64 nowMs)
{
    const QJsonObject &payload = item.payload;
    const QString where = QStringLiteral("the feedback");
    static const QSet<QString> fields{QStringLiteral("kind"),
                                      QStringLiteral("uri"),
                                      QStringLiteral("created_at_ms"),
                                      QStringLiteral("expires_at_ms")};
    rejectUnknownFields(payload, fields, where);
    item.feedbackKind = stringField(payload, QStringLiteral("kind"), true, where);
    static const QSet<QString> kinds{QStringLiteral("like"),
                                     QStringLiteral("unlike"),
                                     QStringLiteral("hide_track"),
                                     QStringLiteral("hide_artist"),
                                     QStringLiteral("not_now")};
    if (!kinds.contains(item.feedbackKind)) {
        throw InvalidItem{
            QStringLiteral("\"kind\" in the feedback must be like, unlike, hide_track, hide_artist or not_now.")};
    }
    const bool aboutArtist = item.feedbackKind == QLatin1String("hide_artist");
    item.uri = uriField(payload, QStringLiteral("uri"), aboutArtist ? "artist" : "track", true, where);
    item.timeMs = timeField(payload, QStringLiteral("created_at_ms"), nowMs, where);
    const bool notNow = item.feedbackKind == QLatin1String("not_now");
    const qint64 expires = integerField(payload,
                                        QStringLiteral("expires_at_ms"),
                                        item.timeMs + 1,
                                        item.timeMs + 3650LL * 86400000,
                                        notNow,
                                        where);
    if (!notNow && expires != -1) {
        throw InvalidItem{QStringLiteral("Only not_now feedback has \"expires_at_ms\".")};
    }
}

void validateLibrarySnapshot(SyncItem &item, qint64 nowMs)
{
    const QJsonObject &payload = item.payload;
    const QString where = QStringLiteral("the library snapshot");
    static const QSet<QString> fields{QStringLiteral("taken_at_ms"),
                                      QStringLiteral("saved_tracks"),
                                      QStringLiteral("followed_artists"),
                                      QStringLiteral("top_artists"),
                                      QStringLiteral("artists")};
    rejectUnknownFields(payload, fields, where);
    item.timeMs = timeField(payload, QStringLiteral("taken_at_ms"), nowMs, where);
    // top_artists (long-term, best first) and artists (the names of the artists the lists name) came with
    // concerts: the hub searches providers by name. Both are optional, so older clients still sync.
    const struct {
        const char *field;
        const char *type;
    } lists[] = {{"saved_tracks", "track"}, {"followed_artists", "artist"}, {"top_artists", "artist"}};
    for (const auto &list : lists) {
        const QString field = QString::fromLatin1(list.field);
        const QJsonArray uris = arrayField(payload, field, maxSnapshotUris, where);
        for (const QJsonValue &uri : uris) {
            if (!uri.isString() || !isSpotifyUri(uri.toString(), list.type)) {
                throw InvalidItem{QStringLiteral("Each of \"%1\" in the library snapshot must be a Spotify %2 URI.")
                                      .arg(field, QLatin1String(list.type))};
            }
        }
    }
    validateArtists(payload, maxSnapshotUris, true, QStringLiteral("the library snapshot"));
}

QString withoutLeadingByteOrderMarks(QString text)
{
    qsizetype marks = 0;
    while (marks < text.size() && text.at(marks) == QChar(0xfeff)) {
        ++marks;
    }
    return text.remove(0, marks);
}

// Qt 6.4's parser drops a U+FEFF at the start of a string but keeps its bytes inside the document: a key is filed
// where the U+FEFF would have sorted, which leaves the object out of order (lookups miss the key), and neither a
// key nor a value parses back from the compact form to the same object. An escaped U+FEFF is kept until a trip
// through the text writes it raw (one is dropped per trip when there are several). Rebuilt from the strings without
// their leading U+FEFFs, every object holds its keys in order and survives the trip through the text unchanged, so
// its compact form is canonical.
QJsonValue withoutLeadingByteOrderMarks(const QJsonValue &value)
{
    if (value.isString()) {
        return withoutLeadingByteOrderMarks(value.toString());
    }
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &element : value.toArray()) {
            array.append(withoutLeadingByteOrderMarks(element));
        }
        return array;
    }
    if (!value.isObject()) {
        return value;
    }
    const QJsonObject object = value.toObject();
    QJsonObject ordered;
    for (auto it = object.begin(); it != object.end(); ++it) {
        ordered.insert(withoutLeadingByteOrderMarks(it.key()), withoutLeadingByteOrderMarks(it.value()));
    }
    return ordered;
}

SyncItem parseItem(const QJsonValue &value, int index, qint64 nowMs, bool textHasByteOrderMark)
{
    SyncItem item;
    try {
        if (!value.isObject()) {
            throw InvalidItem{QStringLiteral("Item %1 is not an object.").arg(index)};
        }
        const QJsonObject object = value.toObject();
        const QJsonValue id = object.value(QStringLiteral("id"));
        if (!id.isString() || !isUuid(id.toString())) {
            throw InvalidItem{
                QStringLiteral("Item %1 needs an \"id\" that is a UUID (8-4-4-4-12 hex digits).").arg(index)};
        }
        item.clientId = id.toString().toLower();
        const QString where = QStringLiteral("item %1").arg(index);
        static const QSet<QString> fields{QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("payload")};
        rejectUnknownFields(object, fields, where);
        const QString kind = object.value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("play")) {
            item.kind = SyncKind::Play;
        } else if (kind == QLatin1String("feedback")) {
            item.kind = SyncKind::Feedback;
        } else if (kind == QLatin1String("library_snapshot")) {
            item.kind = SyncKind::LibrarySnapshot;
        } else {
            throw InvalidItem{
                QStringLiteral("The \"kind\" of item %1 must be play, feedback or library_snapshot.").arg(index)};
        }
        if (!object.value(QStringLiteral("payload")).isObject()) {
            throw InvalidItem{QStringLiteral("Item %1 needs a \"payload\" object.").arg(index)};
        }
        item.payload = object.value(QStringLiteral("payload")).toObject();
        if (textHasByteOrderMark) {
            item.payload = withoutLeadingByteOrderMarks(item.payload).toObject();
        }
        switch (item.kind) {
        case SyncKind::Play:
            validatePlay(item, nowMs);
            break;
        case SyncKind::Feedback:
            validateFeedback(item, nowMs);
            break;
        case SyncKind::LibrarySnapshot:
            validateLibrarySnapshot(item, nowMs);
            break;
        }
        // QJsonObject keeps its keys sorted, so the compact form is canonical: the same payload always hashes
        // the same, whatever order or spacing the client sent.
        item.payloadJson = QJsonDocument(item.payload).toJson(QJsonDocument::Compact);
        item.payloadSha256 = sha256Hex(item.payloadJson);
        item.valid = true;
    } catch (const InvalidItem &invalid) {
        item.valid = false;
        item.invalidReason = invalid.reason;
        item.payload = {};
    }
    return item;
}

} // namespace

QJsonObject parseJsonObjectBody(const HttpRequest &request)
{
    const QByteArray contentType = request.header(QByteArrayLiteral("content-type"));
    const QByteArray mediaType = contentType.split(';').constFirst().trimmed().toLower();
    if (mediaType != "application/json") {
        throw HttpError(415, QStringLiteral("Send the body as JSON with Content-Type: application/json."));
    }
    checkDepth(request.body);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError) {
        throw HttpError(
            400,
            QByteArrayLiteral("malformed_json"),
            QStringLiteral("The body is not valid JSON: %1 at byte %2.").arg(error.errorString()).arg(error.offset));
    }
    if (!document.isObject()) {
        throw HttpError(400, QByteArrayLiteral("malformed_json"), QStringLiteral("The body must be a JSON object."));
    }
    return document.object();
}

QString normalizeInviteCode(const QString &text)
{
    QString code;
    for (const QChar c : text) {
        if (c == QLatin1Char('-') || c == QLatin1Char(' ')) {
            continue;
        }
        const QChar upper = c.toUpper();
        // Crockford base32: no I, L, O or U; people read O as 0 and I or L as 1.
        if (upper == QLatin1Char('O')) {
            code += QLatin1Char('0');
        } else if (upper == QLatin1Char('I') || upper == QLatin1Char('L')) {
            code += QLatin1Char('1');
        } else if ((upper >= QLatin1Char('0') && upper <= QLatin1Char('9'))
                   || (upper >= QLatin1Char('A') && upper <= QLatin1Char('Z') && upper != QLatin1Char('U'))) {
            code += upper;
        } else {
            return {};
        }
        if (code.size() > 64) {
            return {};
        }
    }
    return code;
}

PairRequest parsePairRequest(const QJsonObject &body)
{
    const QSet<QString> known{QStringLiteral("code"), QStringLiteral("display_name"), QStringLiteral("device_label")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key())) {
            throw HttpError(400,
                            QByteArrayLiteral("unknown_field"),
                            QStringLiteral("The pairing request has the unknown field \"%1\"; it takes code, "
                                           "display_name and device_label.")
                                .arg(it.key().left(64)));
        }
    }
    PairRequest request;
    const auto text = [&body](const char *name, const char *what) {
        const QJsonValue value = body.value(QLatin1String(name));
        const QString trimmed = value.toString().trimmed();
        if (!value.isString() || trimmed.isEmpty()) {
            throw HttpError(
                400,
                QByteArrayLiteral("invalid_field"),
                QStringLiteral("The pairing request needs \"%1\": %2.").arg(QLatin1String(name), QLatin1String(what)));
        }
        if (trimmed.size() > maxDisplayNameChars) {
            throw HttpError(400,
                            QByteArrayLiteral("invalid_field"),
                            QStringLiteral("\"%1\" is longer than %2 characters.")
                                .arg(QLatin1String(name))
                                .arg(maxDisplayNameChars));
        }
        for (const QChar c : trimmed) {
            if (c.category() == QChar::Other_Control || c.isNonCharacter()) {
                throw HttpError(400,
                                QByteArrayLiteral("invalid_field"),
                                QStringLiteral("\"%1\" contains control characters.").arg(QLatin1String(name)));
            }
        }
        return trimmed;
    };
    const QString code = text("code", "the invite code from tunescout-hub invite");
    request.code = normalizeInviteCode(code);
    if (request.code.isEmpty()) {
        throw HttpError(400,
                        QByteArrayLiteral("invalid_invite"),
                        QStringLiteral("\"code\" is not an invite code: it has letters and digits, such as "
                                       "7KQ2M-X9D4R."));
    }
    request.displayName = text("display_name", "your name as the household sees it");
    request.deviceLabel = text("device_label", "a name for this device, such as \"Alex's laptop\"");
    return request;
}

bool hasByteOrderMark(const QByteArray &json)
{
    if (json.contains("\xef\xbb\xbf")) {
        return true;
    }
    for (qsizetype at = json.indexOf("\\u"); at >= 0; at = json.indexOf("\\u", at + 2)) {
        if (json.mid(at + 2, 4).toLower() == "feff") {
            return true;
        }
    }
    return false;
}

QList<SyncItem> parseSyncBatch(const QJsonObject &body, qint64 nowMs, bool textHasByteOrderMark)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("items")) {
            throw HttpError(400,
                            QByteArrayLiteral("unknown_field"),
                            QStringLiteral("The sync batch has the unknown field \"%1\"; it takes only \"items\".")
                                .arg(it.key().left(64)));
        }
    }
    const QJsonValue items = body.value(QStringLiteral("items"));
    if (!items.isArray()) {
        throw HttpError(400,
                        QByteArrayLiteral("invalid_field"),
                        QStringLiteral("The sync batch needs \"items\": an array of {id, kind, payload}."));
    }
    const QJsonArray array = items.toArray();
    // HB-6 and T19: more items than a batch takes is a bad request (400), not a body too large (413, which
    // the body's byte limit answers).
    if (array.size() > maxSyncItems) {
        throw HttpError(400,
                        QByteArrayLiteral("too_many_items"),
                        QStringLiteral("The batch has %1 items; a batch takes at most %2. Send the rest in another "
                                       "batch.")
                            .arg(array.size())
                            .arg(maxSyncItems));
    }
    QList<SyncItem> parsed;
    parsed.reserve(array.size());
    for (int i = 0; i < array.size(); ++i) {
        parsed.append(parseItem(array.at(i), i, nowMs, textHasByteOrderMark));
    }
    return parsed;
}

QString syncKindName(SyncKind kind)
{
    switch (kind) {
    case SyncKind::Play:
        return QStringLiteral("play");
    case SyncKind::Feedback:
        return QStringLiteral("feedback");
    case SyncKind::LibrarySnapshot:
        return QStringLiteral("library_snapshot");
    }
    return {};
}

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

} // namespace hub
