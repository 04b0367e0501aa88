// fuzz_hub_dto (RELIABILITY.md T23): bytes → the body of a hub request → hub::parseJsonObjectBody, then
// hub::parseSyncBatch and hub::parsePairRequest on the same object (no database, no network).
//
// Besides "no crash", every input is checked against what the Store and the Api rely on (FZ-2); a broken
// property aborts with its name:
// - only HttpError leaves the parsers, always with a 4xx status and a machine code or a detail;
// - an accepted body is a JSON object no deeper than maxJsonDepth;
// - a batch has at most maxSyncItems items; a valid item has a lower-case UUID id, a canonical compact payload
//   whose SHA-256 (64 lower-case hex digits) is the one stored, a time at most 24 h ahead, strings within
//   maxStringBytes and URIs of Spotify's shape; an invalid item has a reason and no payload;
// - parsing is deterministic: the same body gives the same items;
// - the payloads need rebuilding only when the text holds a U+FEFF: as the Api parses (rebuilding only then), the
//   items are those of always rebuilding;
// - an accepted pairing has a normalised, non-empty code and a non-empty display name.
#include "hub/dto.h"
#include "hub/http.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace
{

// A fixed clock, so that an input means the same on every run.
constexpr qint64 nowMs = 1'750'000'000'000;
constexpr qint64 dayMs = 24 * 3600 * 1000;

void require(bool holds, const char *property)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz_hub_dto: property broken: %s\n", property);
        std::abort();
    }
}

int depthOf(const QJsonValue &value)
{
    int deepest = 0;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            deepest = std::max(deepest, depthOf(it.value()));
        }
        return deepest + 1;
    }
    if (value.isArray()) {
        for (const QJsonValue &element : value.toArray()) {
            deepest = std::max(deepest, depthOf(element));
        }
        return deepest + 1;
    }
    return 0;
}

bool isLowerHex(const QByteArray &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
}

// Whether a NUL character is in any key or string of `value`. (Searching the compact text for "\u0000" would also
// find a literal backslash followed by "u0000", which Postgres stores as it is.)
bool holdsNul(const QJsonValue &value)
{
    if (value.isString()) {
        return value.toString().contains(QChar(0));
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().contains(QChar(0)) || holdsNul(it.value())) {
                return true;
            }
        }
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(), [](const QJsonValue &element) {
            return holdsNul(element);
        });
    }
    return false;
}

void checkError(const hub::HttpError &error)
{
    const hub::HttpResponse response = error.toResponse();
    require(response.status >= 400 && response.status < 500, "a refused body is a 4xx");
    require(response.contentType == "application/problem+json", "a refusal is problem+json");
    require(QJsonDocument::fromJson(response.body).isObject(), "a refusal is a JSON object");
}

void checkItem(const hub::SyncItem &item)
{
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    static const QRegularExpression spotifyUri(QStringLiteral("^spotify:(track|artist):[0-9A-Za-z]{22}$"));
    require(item.clientId.isEmpty() || uuid.match(item.clientId).hasMatch(), "an item id is a lower-case UUID");
    if (!item.valid) {
        require(!item.invalidReason.isEmpty(), "an invalid item says why");
        require(item.payload.isEmpty() && item.payloadJson.isEmpty(), "an invalid item keeps no payload");
        return;
    }
    require(!item.clientId.isEmpty(), "a valid item has an id");
    require(item.invalidReason.isEmpty(), "a valid item has no reason");
    require(item.payloadJson == QJsonDocument(item.payload).toJson(QJsonDocument::Compact),
            "the stored payload is the canonical compact JSON");
    require(QJsonDocument::fromJson(item.payloadJson).object() == item.payload, "the payload round-trips");
    require(item.payloadSha256.size() == 64 && isLowerHex(item.payloadSha256), "the hash is 64 lower-case hex");
    require(item.payloadSha256 == hub::sha256Hex(item.payloadJson), "the hash is the payload's");
    require(item.timeMs <= nowMs + dayMs, "no time more than 24 h ahead");
    require(!holdsNul(item.payload), "no NUL reaches Postgres text");
    switch (item.kind) {
    case hub::SyncKind::Play:
        require(item.uri.isEmpty() || spotifyUri.match(item.uri).hasMatch(), "a play's URI is Spotify's");
        require(item.msPlayed >= -1 && item.msPlayed <= 86'400'000, "ms_played within a day");
        break;
    case hub::SyncKind::Feedback:
        require(spotifyUri.match(item.uri).hasMatch(), "feedback names a Spotify URI");
        require(!item.feedbackKind.isEmpty() && item.feedbackKind.toUtf8().size() <= hub::maxStringBytes,
                "feedback has a kind");
        break;
    case hub::SyncKind::LibrarySnapshot:
        break;
    }
}

void checkSync(const QJsonObject &body, const QByteArray &text)
{
    QList<hub::SyncItem> items;
    try {
        items = hub::parseSyncBatch(body, nowMs, hub::hasByteOrderMark(text));
    } catch (const hub::HttpError &error) {
        checkError(error);
        return;
    }
    require(items.size() <= hub::maxSyncItems, "at most maxSyncItems items");
    require(items.size() == body.value(QStringLiteral("items")).toArray().size(), "one answer per item");
    for (const hub::SyncItem &item : std::as_const(items)) {
        checkItem(item);
    }
    const QList<hub::SyncItem> again = hub::parseSyncBatch(body, nowMs, hub::hasByteOrderMark(text));
    require(again.size() == items.size(), "parsing is deterministic (count)");
    for (qsizetype i = 0; i < items.size(); ++i) {
        require(again.at(i).valid == items.at(i).valid && again.at(i).clientId == items.at(i).clientId
                    && again.at(i).payloadSha256 == items.at(i).payloadSha256,
                "parsing is deterministic (items)");
    }
    const QList<hub::SyncItem> rebuilt = hub::parseSyncBatch(body, nowMs, true);
    for (qsizetype i = 0; i < items.size(); ++i) {
        require(rebuilt.at(i).valid == items.at(i).valid && rebuilt.at(i).invalidReason == items.at(i).invalidReason
                    && rebuilt.at(i).payloadSha256 == items.at(i).payloadSha256,
                "payloads need rebuilding only when the text holds a U+FEFF");
    }
}

void checkPair(const QJsonObject &body)
{
    try {
        const hub::PairRequest pairing = hub::parsePairRequest(body);
        require(!pairing.code.isEmpty() && hub::normalizeInviteCode(pairing.code) == pairing.code,
                "an accepted code is normalised");
        require(!pairing.displayName.trimmed().isEmpty(), "an accepted pairing names the member");
        require(pairing.displayName.toUtf8().size() <= hub::maxStringBytes
                    && pairing.deviceLabel.toUtf8().size() <= hub::maxStringBytes,
                "names within maxStringBytes");
    } catch (const hub::HttpError &error) {
        checkError(error);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    hub::HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.path = QByteArrayLiteral("/api/v1/sync");
    request.body = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    request.headers.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json; charset=utf-8")});
    QJsonObject body;
    try {
        body = hub::parseJsonObjectBody(request);
    } catch (const hub::HttpError &error) {
        checkError(error);
        return 0;
    }
    require(depthOf(body) <= hub::maxJsonDepth, "an accepted body is at most maxJsonDepth deep");
    checkSync(body, request.body);
    checkPair(body);
    return 0;
}
