#include "engine/spotify/loopbackrequest.h"

#include "engine/spotify/pkce.h"

#include <algorithm>
#include <optional>

namespace engine
{

namespace
{

using Action = LoopbackDecision::Action;
using Outcome = LoopbackDecision::Outcome;
using Page = LoopbackDecision::Page;

// Real methods are short; a long run of token characters before the first space is not HTTP.
constexpr qsizetype MaxMethodBytes = 16;
// OAuth error codes are short identifiers; anything longer is not one and is not worth logging.
constexpr qsizetype MaxErrorCodeBytes = 128;

bool isTokenChar(char c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        return true;
    }
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isVisible(char c)
{
    return c >= 0x21 && c <= 0x7e;
}

// field-value characters (RFC 9110 §5.5): visible ASCII, space, tab and obs-text.
bool isFieldValueChar(char c)
{
    return isVisible(c) || c == ' ' || c == '\t' || static_cast<unsigned char>(c) >= 0x80;
}

// RFC 6749 Appendix A.11: code = 1*VSCHAR.
bool isCodeValue(QByteArrayView value)
{
    if (value.isEmpty()) {
        return false;
    }
    for (const char c : value) {
        if (c < 0x20 || c > 0x7e) {
            return false;
        }
    }
    return true;
}

// RFC 6749 Appendix A.7: error = 1*NQSCHAR.
bool isErrorCode(QByteArrayView value)
{
    if (value.isEmpty() || value.size() > MaxErrorCodeBytes) {
        return false;
    }
    for (const char c : value) {
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
            return false;
        }
    }
    return true;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// application/x-www-form-urlencoded decoding that refuses what lenient decoders pass through: a '%' not
// followed by two hex digits, and bytes that are not UTF-8 once decoded.
std::optional<QByteArray> formDecode(QByteArrayView raw)
{
    QByteArray decoded;
    decoded.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '+') {
            decoded += ' ';
        } else if (c == '%') {
            if (i + 2 >= raw.size()) {
                return std::nullopt;
            }
            const int high = hexValue(raw[i + 1]);
            const int low = hexValue(raw[i + 2]);
            if (high < 0 || low < 0) {
                return std::nullopt;
            }
            decoded += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            decoded += c;
        }
    }
    if (!QByteArrayView(decoded).isValidUtf8()) {
        return std::nullopt;
    }
    return decoded;
}

LoopbackDecision needMoreBytes()
{
    return {};
}

LoopbackDecision closeWithoutAnswer(const char *reason)
{
    LoopbackDecision decision;
    decision.action = Action::Close;
    decision.reason = reason;
    return decision;
}

LoopbackDecision respond(int status, Page page, const char *reason, Outcome outcome = Outcome::None)
{
    LoopbackDecision decision;
    decision.action = Action::Respond;
    decision.status = status;
    decision.page = page;
    decision.outcome = outcome;
    decision.reason = reason;
    // The pages carry nothing worth caching, and a referrer would leak the callback URL with its code.
    decision.headers = {
        {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
        {QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")},
        {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")},
        {QByteArrayLiteral("Content-Security-Policy"),
         QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                           "base-uri 'none'; form-action 'none'")},
    };
    return decision;
}

LoopbackDecision badRequest(const char *reason)
{
    return respond(400, Page::Error, reason);
}

LoopbackDecision invalidResponse(const char *reason)
{
    return respond(400, Page::Failed, reason, Outcome::InvalidResponse);
}

struct CallbackParameters {
    std::optional<QByteArray> code;
    std::optional<QByteArray> state;
    std::optional<QByteArray> error;
};

// nullopt when the query is malformed or repeats one of the parameters that decide the outcome.
std::optional<CallbackParameters> parseQuery(QByteArrayView query)
{
    CallbackParameters parameters;
    qsizetype start = 0;
    while (start <= query.size()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0) {
            end = query.size();
        }
        const QByteArrayView piece = query.sliced(start, end - start);
        start = end + 1;
        if (piece.isEmpty()) {
            continue;
        }
        const qsizetype equals = piece.indexOf('=');
        const auto name = formDecode(equals < 0 ? piece : piece.first(equals));
        const auto value = formDecode(equals < 0 ? QByteArrayView() : piece.sliced(equals + 1));
        if (!name || !value) {
            return std::nullopt;
        }
        std::optional<QByteArray> *slot = nullptr;
        if (*name == "code") {
            slot = &parameters.code;
        } else if (*name == "state") {
            slot = &parameters.state;
        } else if (*name == "error") {
            slot = &parameters.error;
        }
        if (slot) {
            if (slot->has_value()) {
                return std::nullopt;
            }
            *slot = *value;
        }
    }
    return parameters;
}

LoopbackDecision decideCallback(QByteArrayView query, const LoopbackExpectation &expectation)
{
    const auto parameters = parseQuery(query);
    if (!parameters) {
        return badRequest("malformed or repeated query parameters");
    }
    if (!parameters->state || expectation.state.isEmpty()
        || !constantTimeEquals(*parameters->state, expectation.state)) {
        return badRequest("missing or wrong state");
    }
    if (parameters->code && parameters->error) {
        return invalidResponse("both code and error");
    }
    if (parameters->error) {
        const QByteArray &error = *parameters->error;
        if (!isErrorCode(error)) {
            return invalidResponse("unusable error code");
        }
        if (error == "access_denied") {
            return respond(200, Page::Cancelled, "sign-in cancelled", Outcome::Cancelled);
        }
        LoopbackDecision decision = respond(200, Page::Failed, "Spotify reported an error", Outcome::Failed);
        decision.errorCode = QString::fromLatin1(error);
        return decision;
    }
    if (parameters->code) {
        if (!isCodeValue(*parameters->code)) {
            return invalidResponse("unusable code");
        }
        LoopbackDecision decision = respond(200, Page::SignedIn, "signed in", Outcome::Code);
        decision.code = *parameters->code;
        return decision;
    }
    return invalidResponse("neither code nor error");
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    default:
        return QByteArrayLiteral("Error");
    }
}

} // namespace

LoopbackDecision decideLoopbackRequest(QByteArrayView received, const LoopbackExpectation &expectation)
{
    // The method token comes first, so anything else (a TLS ClientHello, a stray binary protocol) is
    // recognised from its first bytes and dropped without an answer.
    qsizetype methodEnd = 0;
    while (methodEnd < received.size() && methodEnd <= MaxMethodBytes && isTokenChar(received[methodEnd])) {
        ++methodEnd;
    }
    if (methodEnd > MaxMethodBytes) {
        return closeWithoutAnswer("not HTTP");
    }
    if (methodEnd == received.size()) {
        return needMoreBytes();
    }
    if (methodEnd == 0 || received[methodEnd] != ' ') {
        return closeWithoutAnswer("not HTTP");
    }
    const QByteArrayView method = received.first(methodEnd);

    // Every search is bounded by the limits, so one call costs at most O(LoopbackMaxRequestBytes) whatever
    // is passed in.
    const QByteArrayView lineWindow = received.first(std::min(received.size(), LoopbackMaxRequestLineBytes + 2));
    const qsizetype lineEnd = lineWindow.indexOf('\n');
    if (lineEnd < 0) {
        // Junk in a request line is refused at once rather than after the line is complete; only as far as a
        // line may reach, so that a longer one gets 414 however it continues.
        const qsizetype scanned = std::min(received.size(), LoopbackMaxRequestLineBytes + 1);
        for (qsizetype i = methodEnd; i < scanned; ++i) {
            const char c = received[i];
            if (!isVisible(c) && c != ' ' && !(c == '\r' && i == received.size() - 1)) {
                return badRequest("invalid character in the request line");
            }
        }
        if (received.size() > LoopbackMaxRequestLineBytes + 1) {
            return respond(414, Page::Error, "request line too long");
        }
        return needMoreBytes();
    }
    if (received[lineEnd - 1] != '\r') {
        return badRequest("request line not ended by CRLF");
    }
    const QByteArrayView line = received.first(lineEnd - 1);
    if (line.size() > LoopbackMaxRequestLineBytes) {
        return respond(414, Page::Error, "request line too long");
    }
    const qsizetype targetEnd = line.indexOf(' ', methodEnd + 1);
    if (targetEnd < 0 || targetEnd == methodEnd + 1) {
        return badRequest("malformed request line");
    }
    const QByteArrayView target = line.sliced(methodEnd + 1, targetEnd - methodEnd - 1);
    const QByteArrayView version = line.sliced(targetEnd + 1);
    for (const char c : target) {
        if (!isVisible(c)) {
            return badRequest("invalid character in the request target");
        }
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        return badRequest("unsupported HTTP version");
    }

    const qsizetype headerStart = lineEnd + 1;
    const QByteArrayView headerWindow =
        received.first(std::min(received.size(), headerStart + LoopbackMaxHeaderBytes + 2));
    qsizetype position = headerStart;
    int headerLines = 0;
    int hostCount = 0;
    QByteArrayView host;
    for (;;) {
        const qsizetype end = headerWindow.indexOf('\n', position);
        if (end < 0) {
            // +1: the CR of the closing empty line may already be here, waiting for its LF.
            if (received.size() - headerStart > LoopbackMaxHeaderBytes + 1) {
                return respond(431, Page::Error, "header section too large");
            }
            return needMoreBytes();
        }
        if (end == position || received[end - 1] != '\r') {
            return badRequest("header line not ended by CRLF");
        }
        const QByteArrayView field = received.sliced(position, end - 1 - position);
        if (field.isEmpty()) {
            break;
        }
        if (end + 1 - headerStart > LoopbackMaxHeaderBytes) {
            return respond(431, Page::Error, "header section too large");
        }
        if (++headerLines > LoopbackMaxHeaderLines) {
            return respond(431, Page::Error, "too many header lines");
        }
        // A name of token characters right before the colon; this also refuses obsolete line folding and
        // whitespace before the colon, both smuggling vectors (RFC 9112 §5.1, §5.2).
        const qsizetype colon = field.indexOf(':');
        if (colon <= 0) {
            return badRequest("malformed header line");
        }
        const QByteArrayView name = field.first(colon);
        for (const char c : name) {
            if (!isTokenChar(c)) {
                return badRequest("malformed header name");
            }
        }
        QByteArrayView value = field.sliced(colon + 1);
        for (const char c : value) {
            if (!isFieldValueChar(c)) {
                return badRequest("invalid character in a header value");
            }
        }
        while (!value.isEmpty() && (value.front() == ' ' || value.front() == '\t')) {
            value = value.sliced(1);
        }
        while (!value.isEmpty() && (value.back() == ' ' || value.back() == '\t')) {
            value.chop(1);
        }
        if (name.compare("Host", Qt::CaseInsensitive) == 0) {
            ++hostCount;
            host = value;
        }
        position = end + 1;
    }

    // DNS rebinding: a page served from another name that resolves to 127.0.0.1 sends its own Host.
    if (hostCount != 1
        || host.compare(loopbackAuthority(expectation.host, expectation.port), Qt::CaseInsensitive) != 0) {
        return badRequest("Host is not the loopback authority");
    }
    if (method != "GET") {
        // Answered as soon as the headers are in: a body is never waited for nor read.
        LoopbackDecision decision = respond(405, Page::Error, "method not allowed");
        decision.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("GET")});
        decision.omitBody = method == "HEAD";
        return decision;
    }
    if (target.front() != '/' || target.contains('#')) {
        return badRequest("request target is not a path");
    }
    const qsizetype queryStart = target.indexOf('?');
    const QByteArrayView path = queryStart < 0 ? target : target.first(queryStart);
    if (path != LoopbackCallbackPath) {
        return respond(404, Page::Error, "not the callback path");
    }
    return decideCallback(queryStart < 0 ? QByteArrayView() : target.sliced(queryStart + 1), expectation);
}

QByteArray loopbackPage(LoopbackDecision::Page page, int status)
{
    QByteArray heading;
    QByteArray detail;
    switch (page) {
    case Page::SignedIn:
        heading = QByteArrayLiteral("Signed in — you can close this tab");
        detail = QByteArrayLiteral("TuneScout has your sign-in and is finishing it.");
        break;
    case Page::Cancelled:
        heading = QByteArrayLiteral("Sign-in cancelled — you can close this tab");
        detail = QByteArrayLiteral("You can sign in again from TuneScout at any time.");
        break;
    case Page::Failed:
        heading = QByteArrayLiteral("Sign-in failed — you can close this tab");
        detail = QByteArrayLiteral("TuneScout shows what went wrong and how to try again.");
        break;
    case Page::Error:
    case Page::None:
        heading = QByteArray::number(status) + ' ' + reasonPhrase(status);
        detail = QByteArrayLiteral("This address only receives TuneScout's Spotify sign-in.");
        break;
    }
    return QByteArrayLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                             "<title>TuneScout</title><style>body{font-family:sans-serif;margin:4em auto;"
                             "max-width:32em;padding:0 1em;text-align:center}</style></head>\n<body><h1>")
        + heading + QByteArrayLiteral("</h1><p>") + detail + QByteArrayLiteral("</p></body></html>\n");
}

QByteArray loopbackResponse(const LoopbackDecision &decision)
{
    if (decision.action != Action::Respond) {
        return {};
    }
    const QByteArray body = loopbackPage(decision.page, decision.status);
    QByteArray response = "HTTP/1.1 " + QByteArray::number(decision.status) + ' ' + reasonPhrase(decision.status)
        + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n";
    for (const auto &[name, value] : decision.headers) {
        response += name + ": " + value + "\r\n";
    }
    response += "\r\n";
    if (!decision.omitBody) {
        response += body;
    }
    return response;
}

} // namespace engine
