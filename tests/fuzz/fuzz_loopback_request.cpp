// fuzz_loopback_request (RELIABILITY.md FZ-1 #2): bytes → engine::decideLoopbackRequest → loopbackResponse.
//
// The bytes are what one connection to the sign-in receiver sent. Besides "no crash", every input is checked
// against the properties the receiver relies on (FZ-2); a broken one aborts with its name:
// - only GET /callback with exactly one `state` equal to the expected one and exactly one Host naming the
//   loopback authority may end the sign-in (any outcome but None), and an expectation without a state never
//   does;
// - the decision never asks for more than LoopbackMaxRequestBytes;
// - the decision does not depend on how the bytes were split into reads: once a prefix is decided, every
//   longer input gets the same decision;
// - the answer is well-formed HTTP/1.1 and built from fixed parts only: it reflects no request byte.
#include "engine/spotify/loopbackrequest.h"

#include <QByteArray>
#include <QList>
#include <QSet>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using engine::LoopbackDecision;
using engine::LoopbackExpectation;
using engine::LoopbackHost;
using Action = LoopbackDecision::Action;
using Outcome = LoopbackDecision::Outcome;
using Page = LoopbackDecision::Page;

namespace
{

// The values of tst_loopbackrequest, so that its requests (in the seed corpus) reach every outcome.
const QByteArray expectedState = QByteArrayLiteral("Zx7qN2pL-4vWk_9sRt0yBc3dEf5gHi6jKl8mNo1pQrS");
constexpr quint16 port = 43123;

void require(bool holds, const char *property)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz_loopback_request: property broken: %s\n", property);
        std::abort();
    }
}

// The headers a page may carry: fixed values, so that nothing of the request can reach the answer.
const QList<std::pair<QByteArray, QByteArray>> &pageHeaders()
{
    static const QList<std::pair<QByteArray, QByteArray>> headers = {
        {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")},
        {QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")},
        {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")},
        {QByteArrayLiteral("Content-Security-Policy"),
         QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                           "base-uri 'none'; form-action 'none'")},
    };
    return headers;
}

const QList<std::pair<QByteArray, QByteArray>> &methodNotAllowedHeaders()
{
    static const QList<std::pair<QByteArray, QByteArray>> headers = pageHeaders()
        + QList<std::pair<QByteArray, QByteArray>>{{QByteArrayLiteral("Allow"), QByteArrayLiteral("GET")}};
    return headers;
}

const QList<int> &answeredStatuses()
{
    static const QList<int> statuses = {200, 400, 404, 405, 414, 431};
    return statuses;
}

// Every answer the receiver can give, computed from decisions that never saw a request: an answer outside
// this set carries something of the request.
const QSet<QByteArray> &possibleAnswers()
{
    static const QSet<QByteArray> answers = [] {
        QSet<QByteArray> all;
        for (const int status : answeredStatuses()) {
            for (const Page page : {Page::None, Page::SignedIn, Page::Cancelled, Page::Failed, Page::Error}) {
                for (const bool omitBody : {false, true}) {
                    for (const auto *headers : {&pageHeaders(), &methodNotAllowedHeaders()}) {
                        LoopbackDecision decision;
                        decision.action = Action::Respond;
                        decision.status = status;
                        decision.page = page;
                        decision.omitBody = omitBody;
                        decision.headers = *headers;
                        all.insert(engine::loopbackResponse(decision));
                    }
                }
            }
        }
        return all;
    }();
    return answers;
}

// Everything the receiver acts on; `reason` is only logged, and may name the same fault differently
// depending on how much of the request had arrived (an invalid byte "in the request line" before its end,
// "in the request target" after).
bool sameDecision(const LoopbackDecision &a, const LoopbackDecision &b)
{
    return a.action == b.action && a.status == b.status && a.page == b.page && a.omitBody == b.omitBody
        && a.headers == b.headers && a.outcome == b.outcome && a.code == b.code && a.errorCode == b.errorCode;
}

QByteArray formDecoded(QByteArray raw)
{
    return QByteArray::fromPercentEncoding(raw.replace('+', ' '));
}

// The values of one query parameter, decoded independently of the parser under test.
QList<QByteArray> parameterValues(const QByteArray &query, const QByteArray &name)
{
    QList<QByteArray> values;
    for (const QByteArray &piece : query.split('&')) {
        const qsizetype equals = piece.indexOf('=');
        if (formDecoded(equals < 0 ? piece : piece.first(equals)) == name) {
            values.append(equals < 0 ? QByteArray() : formDecoded(piece.sliced(equals + 1)));
        }
    }
    return values;
}

// What a request must look like for it to end the sign-in, checked from scratch on the raw bytes.
void requireSignInResponse(QByteArrayView receivedView,
                           const LoopbackExpectation &expectation,
                           const LoopbackDecision &decision)
{
    const QByteArray received = receivedView.toByteArray();
    require(!expectation.state.isEmpty(), "an outcome without an expected state");
    const qsizetype lineEnd = received.indexOf("\r\n");
    require(lineEnd > 0, "an outcome without a complete request line");
    const QByteArray line = received.first(lineEnd);
    require(line.startsWith("GET /callback?"), "an outcome for something other than GET /callback?…");
    const qsizetype targetEnd = line.indexOf(' ', 4);
    require(targetEnd > 0, "an outcome for a request line without a version");
    const QByteArray target = line.sliced(4, targetEnd - 4);
    require(!target.contains('#'), "an outcome for a target with a fragment");
    const QByteArray query = target.sliced(target.indexOf('?') + 1);

    const QList<QByteArray> states = parameterValues(query, QByteArrayLiteral("state"));
    require(states.size() == 1 && states.front() == expectation.state, "an outcome without the expected state");
    if (decision.outcome == Outcome::Code) {
        const QList<QByteArray> codes = parameterValues(query, QByteArrayLiteral("code"));
        require(codes.size() == 1 && codes.front() == decision.code, "a code that is not the one sent");
        require(parameterValues(query, QByteArrayLiteral("error")).isEmpty(), "a code next to an error");
    }

    const qsizetype headersEnd = received.indexOf("\r\n\r\n");
    require(headersEnd >= lineEnd, "an outcome before the end of the header section");
    int hosts = 0;
    for (const QByteArray &field : received.sliced(lineEnd + 2, headersEnd - lineEnd).split('\n')) {
        const qsizetype colon = field.indexOf(':');
        if (colon > 0 && field.first(colon).compare("host", Qt::CaseInsensitive) == 0) {
            ++hosts;
            const QByteArray value = field.sliced(colon + 1).trimmed();
            require(value.compare(engine::loopbackAuthority(expectation.host, expectation.port), Qt::CaseInsensitive)
                        == 0,
                    "an outcome for a Host that is not the loopback authority");
        }
    }
    require(hosts == 1, "an outcome without exactly one Host header");
}

void requireWellFormedAnswer(const LoopbackDecision &decision)
{
    const QByteArray answer = engine::loopbackResponse(decision);
    if (decision.action != Action::Respond) {
        require(answer.isEmpty(), "an answer for a decision that is not Respond");
        return;
    }
    require(answeredStatuses().contains(decision.status), "a status the receiver does not send");
    require(decision.headers == pageHeaders()
                || (decision.status == 405 && decision.headers == methodNotAllowedHeaders()),
            "headers beyond the fixed set");
    require(possibleAnswers().contains(answer), "an answer that depends on the request");
    const QByteArray statusLine = "HTTP/1.1 " + QByteArray::number(decision.status) + ' ';
    require(answer.startsWith(statusLine), "a malformed status line");
    const qsizetype headerEnd = answer.indexOf("\r\n\r\n");
    require(headerEnd > 0, "an answer without the end of its header section");
    const QByteArray page = engine::loopbackPage(decision.page, decision.status);
    const QByteArray contentLength = "\r\nContent-Length: " + QByteArray::number(page.size()) + "\r\n";
    require(answer.first(headerEnd + 2).contains(contentLength), "a Content-Length that is not the page's");
    require(answer.sliced(headerEnd + 4) == (decision.omitBody ? QByteArray() : page), "a body that is not the page");
}

// A view, so that the many prefixes cost no copies.
LoopbackDecision checkedDecision(QByteArrayView received, const LoopbackExpectation &expectation)
{
    const LoopbackDecision decision = engine::decideLoopbackRequest(received, expectation);
    require(decision.reason != nullptr && (decision.action == Action::NeedMoreBytes || decision.reason[0] != '\0'),
            "a decision without a reason for the log");
    switch (decision.action) {
    case Action::NeedMoreBytes:
        // More bytes means at least received.size() + 1, which must stay within the limit.
        require(received.size() < engine::LoopbackMaxRequestBytes, "asking for more than LoopbackMaxRequestBytes");
        require(decision.outcome == Outcome::None && decision.status == 0, "an undecided request with an outcome");
        break;
    case Action::Close:
        require(decision.outcome == Outcome::None && decision.status == 0, "a closed connection with an outcome");
        break;
    case Action::Respond:
        require((decision.status == 200)
                    == (decision.outcome != Outcome::None && decision.outcome != Outcome::InvalidResponse),
                "200 for a request that does not end the sign-in, or an ending that is not 200");
        break;
    }
    require(decision.outcome == Outcome::Code ? !decision.code.isEmpty() : decision.code.isEmpty(),
            "a code outside Outcome::Code");
    require(decision.outcome == Outcome::Failed ? !decision.errorCode.isEmpty() && decision.errorCode.size() <= 128
                                                : decision.errorCode.isEmpty(),
            "an error code outside Outcome::Failed, or an unbounded one");
    if (decision.outcome != Outcome::None) {
        requireSignInResponse(received, expectation, decision);
    }
    requireWellFormedAnswer(decision);
    return decision;
}

// The receiver decides on what arrived so far after every read; however the bytes were split, the first
// decided prefix must decide the same as the whole input.
void requireSplitIndependence(QByteArrayView received,
                              const LoopbackExpectation &expectation,
                              const LoopbackDecision &whole)
{
    QList<qsizetype> cuts;
    // Byte by byte where the method and the start of the request line are read…
    for (qsizetype size = 0; size < std::min<qsizetype>(received.size(), 64); ++size) {
        cuts.append(size);
    }
    // …then at and just after line ends (where most decisions fall), and at a few arbitrary points.
    for (qsizetype at = received.indexOf('\n'), lines = 0; at >= 0 && lines < 16;
         at = received.indexOf('\n', at + 1), ++lines) {
        cuts.append(at);
        cuts.append(at + 1);
    }
    for (const qsizetype eighth : {1, 2, 3, 5, 7}) {
        cuts.append(received.size() * eighth / 8);
    }
    std::sort(cuts.begin(), cuts.end());
    for (const qsizetype size : cuts) {
        if (size >= received.size()) {
            break;
        }
        const LoopbackDecision prefix = checkedDecision(received.first(size), expectation);
        if (prefix.action != Action::NeedMoreBytes) {
            require(sameDecision(prefix, whole), "a decision that depends on how the bytes were split");
            return;
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView received(data, qsizetype(size));

    const LoopbackExpectation ipv4{LoopbackHost::IPv4, port, expectedState};
    const LoopbackDecision whole = checkedDecision(received, ipv4);
    requireSplitIndependence(received, ipv4, whole);

    checkedDecision(received, LoopbackExpectation{LoopbackHost::IPv6, port, expectedState});
    const LoopbackDecision stateless = checkedDecision(received, LoopbackExpectation{LoopbackHost::IPv4, port, {}});
    require(stateless.outcome == Outcome::None, "an outcome while no sign-in is waiting");
    return 0;
}
