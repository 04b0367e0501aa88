#pragma once

#include "hub/http.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QtGlobal>

namespace hub
{

// The request bodies of the API, parsed and validated without a database (HB-6, HB-8): the checks that a
// hostile or broken client meets first. Whatever fails here is the client's fault and becomes a 4xx; nothing
// here throws anything but HttpError.

// Limits every body shares.
inline constexpr int maxJsonDepth = 16;
inline constexpr int maxStringBytes = 1024;
inline constexpr int maxSyncItems = 500;
inline constexpr int maxSnapshotUris = 10000;

// Parses a JSON object body: 415 unless the media type is JSON, 400 for a nesting deeper than maxJsonDepth
// (checked before a document is built), malformed JSON or invalid UTF-8 (with the offset), or anything but an
// object at the top.
QJsonObject parseJsonObjectBody(const HttpRequest &request);

struct PairRequest {
    QString code; // normalised: upper case, without separators
    QString displayName;
    QString deviceLabel;
};

// {"code": "ABCDE-FGHJK", "display_name": "Alex", "device_label": "Alex's laptop"}
PairRequest parsePairRequest(const QJsonObject &body);

// An invite code as people type it: Crockford base32, case and dashes or spaces ignored. Empty when the text
// cannot be a code.
QString normalizeInviteCode(const QString &text);

enum class SyncKind {
    Play,
    Feedback,
    LibrarySnapshot,
};

// One item of a sync batch after validation. A valid item carries the columns the tables index besides the
// payload; an invalid one only its reason (and its id when it had a readable one, so the client can match
// the answer to its outbox row).
struct SyncItem {
    bool valid = false;
    QString invalidReason;
    QString clientId; // lower-case UUID text
    SyncKind kind = SyncKind::Play;
    QJsonObject payload;
    QByteArray payloadJson; // canonical compact JSON of payload
    QByteArray payloadSha256; // 64 lower-case hex digits of payloadJson
    qint64 timeMs = 0; // played_at_ms, created_at_ms or taken_at_ms
    QString uri; // track_uri of a play (may be empty), uri of feedback
    qint64 msPlayed = -1; // -1: unknown
    QString feedbackKind;
};

// Whether JSON text holds a U+FEFF, raw (EF BB BF) or escaped (\uFEFF in any case). Only then can Qt 6.4's parser
// have left an object out of order (see parseSyncBatch).
bool hasByteOrderMark(const QByteArray &json);

// {"items": [{"id": UUID, "kind": "play"|"feedback"|"library_snapshot", "payload": {...}}, ...]}
// A batch that is not that shape, or holds more than maxSyncItems items, is a 4xx as a whole (413 for too
// many items); an item that is well placed but wrong is answered "invalid" on its own so the rest of the
// batch still lands. nowMs bounds timestamps (at most 24 h ahead). textHasByteOrderMark (hasByteOrderMark of the
// body's text) has each payload's keys rebuilt without a leading U+FEFF, which Qt 6.4's parser files out of
// order; without one the payloads are taken as parsed. A caller without the text leaves it true.
QList<SyncItem> parseSyncBatch(const QJsonObject &body, qint64 nowMs, bool textHasByteOrderMark = true);

QString syncKindName(SyncKind kind);

// SHA-256 as 64 lower-case hex digits, as tokens, codes and payloads are stored.
QByteArray sha256Hex(const QByteArray &data);

} // namespace hub
