#include "engine/spotify/loopbackrequest.h"

#include <QRandomGenerator>
#include <QTest>
#include <QUrlQuery>

#include <cstdlib>

using engine::decideLoopbackRequest;
using engine::LoopbackDecision;
using engine::LoopbackExpectation;
using engine::LoopbackHost;
using engine::loopbackResponse;
using Action = LoopbackDecision::Action;
using Outcome = LoopbackDecision::Outcome;
using Page = LoopbackDecision::Page;

namespace
{

constexpr quint16 port = 43123;
const QByteArray state = "Zx7qN2pL-4vWk_9sRt0yBc3dEf5gHi6jKl8mNo1pQrS";
const QByteArray code = "SplxlOBeZQQYbYS6WxSbIA";
const QByteArray host = "127.0.0.1:43123";

LoopbackExpectation expectation(LoopbackHost loopback = LoopbackHost::IPv4)
{
    return {loopback, port, state};
}

QByteArray request(const QByteArray &method,
                   const QByteArray &target,
                   const QByteArray &headers = "Host: " + host + "\r\n",
                   const QByteArray &version = "HTTP/1.1")
{
    return method + ' ' + target + ' ' + version + "\r\n" + headers + "\r\n";
}

QByteArray get(const QByteArray &target, const QByteArray &headers = "Host: " + host + "\r\n")
{
    return request("GET", target, headers);
}

QByteArray withHost(const QByteArray &value)
{
    return "Host: " + value + "\r\n";
}

QByteArray callback(const QByteArray &query)
{
    return get("/callback?" + query);
}

QByteArray valid()
{
    return callback("code=" + code + "&state=" + state);
}

// The first bytes of a TLS 1.2 ClientHello, as a browser sends them to an https:// URL on this port.
QByteArray tlsClientHello()
{
    return QByteArray::fromHex("16030100f8010000f40303"
                               "5bd1c6a4c3a6e1e3c6c2f0a5e5f1a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2"
                               "20e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
                               "0026c02bc02fc02cc030cca9cca8c009c013c00ac014009c009d002f0035c012000a");
}

QByteArray headerLines(int count, int valueBytes = 8)
{
    QByteArray lines;
    for (int i = 0; i < count; ++i) {
        lines += "X-Fill-" + QByteArray::number(i) + ": " + QByteArray(valueBytes, 'a') + "\r\n";
    }
    return lines;
}

// A valid callback whose request line is exactly `length` bytes long (without CRLF).
QByteArray callbackWithRequestLineOf(qsizetype length)
{
    const QByteArray start = "GET /callback?code=" + code + "&state=" + state + "&pad=";
    const QByteArray end = " HTTP/1.1";
    return start + QByteArray(length - start.size() - end.size(), 'p') + end + "\r\n" + withHost(host) + "\r\n";
}

// A valid callback whose header section (lines with CRLFs, without the empty line) is exactly `length` bytes.
QByteArray callbackWithHeaderBytes(qsizetype length)
{
    const QByteArray hostLine = withHost(host);
    const QByteArray name = "X-Pad: ";
    const QByteArray padding(length - hostLine.size() - name.size() - 2, 'p');
    return "GET /callback?code=" + code + "&state=" + state + " HTTP/1.1\r\n" + hostLine + name + padding + "\r\n\r\n";
}

QByteArray headerOf(const QByteArray &response, const QByteArray &name)
{
    const qsizetype end = response.indexOf("\r\n\r\n");
    for (const QByteArray &line : response.first(end < 0 ? response.size() : end).split('\n')) {
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':'))) {
            return line.sliced(name.size() + 1).trimmed();
        }
    }
    return {};
}

// Independent of the parser under test: what must hold whenever it accepts a code (RELIABILITY.md FZ-2).
bool acceptanceIsJustified(const QByteArray &received)
{
    if (!received.startsWith("GET /callback?")) {
        return false;
    }
    const qsizetype lineEnd = received.indexOf("\r\n");
    const QByteArray line = received.first(lineEnd);
    const QByteArray target = line.sliced(4, line.lastIndexOf(' ') - 4);
    const QUrlQuery query(QString::fromUtf8(target.sliced(target.indexOf('?') + 1)));
    return query.allQueryItemValues(QStringLiteral("state"), QUrl::FullyDecoded)
        == QStringList{QString::fromLatin1(state)};
}

} // namespace

class TestLoopbackRequest : public QObject
{
    Q_OBJECT

private:
    // The OA-6 matrix, row by row, plus the ways a request can be malformed.
    void addMatrixRows()
    {
        QTest::addColumn<QByteArray>("received");
        QTest::addColumn<bool>("ipv6");
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QByteArray>("code");
        QTest::addColumn<QString>("errorCode");

        const auto respond =
            [](const char *name, const QByteArray &received, int status, Page page, bool ipv6 = false) {
                QTest::addRow("%s", name) << received << ipv6 << int(Action::Respond) << status << int(page)
                                          << int(Outcome::None) << QByteArray() << QString();
            };
        const auto outcome = [](const char *name,
                                const QByteArray &received,
                                int status,
                                Page page,
                                Outcome outcome,
                                const QByteArray &expectedCode = {},
                                const QString &errorCode = {},
                                bool ipv6 = false) {
            QTest::addRow("%s", name) << received << ipv6 << int(Action::Respond) << status << int(page) << int(outcome)
                                      << expectedCode << errorCode;
        };
        const auto close = [](const char *name, const QByteArray &received) {
            QTest::addRow("%s", name) << received << false << int(Action::Close) << 0 << int(Page::None)
                                      << int(Outcome::None) << QByteArray() << QString();
        };
        const auto needMore = [](const char *name, const QByteArray &received) {
            QTest::addRow("%s", name) << received << false << int(Action::NeedMoreBytes) << 0 << int(Page::None)
                                      << int(Outcome::None) << QByteArray() << QString();
        };

        // Valid callbacks.
        outcome("code-with-right-state", valid(), 200, Page::SignedIn, Outcome::Code, code);
        outcome("state-before-code",
                callback("state=" + state + "&code=" + code),
                200,
                Page::SignedIn,
                Outcome::Code,
                code);
        outcome(
            "percent-encoded-values",
            callback("code=abc%2Ddef%7E&state=" + state.first(5) + "%" + state.sliced(5, 1).toHex() + state.sliced(6)),
            200,
            Page::SignedIn,
            Outcome::Code,
            "abc-def~");
        outcome("extra-parameters-ignored",
                callback("iss=https%3A%2F%2Faccounts.spotify.com&code=" + code + "&&state=" + state + "&x"),
                200,
                Page::SignedIn,
                Outcome::Code,
                code);
        outcome("http-1.0",
                request("GET", "/callback?code=" + code + "&state=" + state, withHost(host), "HTTP/1.0"),
                200,
                Page::SignedIn,
                Outcome::Code,
                code);
        outcome("host-without-space-and-with-trailing-space",
                get("/callback?code=" + code + "&state=" + state, "host:127.0.0.1:43123 \t\r\n"),
                200,
                Page::SignedIn,
                Outcome::Code,
                code);
        outcome("pipelined-bytes-after-the-request-ignored",
                valid() + "GET /favicon.ico HTTP/1.1\r\n",
                200,
                Page::SignedIn,
                Outcome::Code,
                code);
        outcome("ipv6-host",
                get("/callback?code=" + code + "&state=" + state, withHost("[::1]:43123")),
                200,
                Page::SignedIn,
                Outcome::Code,
                code,
                QString(),
                true);
        outcome("request-line-at-the-limit",
                callbackWithRequestLineOf(engine::LoopbackMaxRequestLineBytes),
                200,
                Page::SignedIn,
                Outcome::Code,
                code);
        outcome("header-bytes-at-the-limit",
                callbackWithHeaderBytes(engine::LoopbackMaxHeaderBytes),
                200,
                Page::SignedIn,
                Outcome::Code,
                code);
        outcome("64-header-lines",
                get("/callback?code=" + code + "&state=" + state, withHost(host) + headerLines(63)),
                200,
                Page::SignedIn,
                Outcome::Code,
                code);

        // OAuth errors with the right state end the flow.
        outcome("access-denied",
                callback("error=access_denied&state=" + state),
                200,
                Page::Cancelled,
                Outcome::Cancelled);
        outcome("other-error",
                callback("error=server_error&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=" + state),
                200,
                Page::Failed,
                Outcome::Failed,
                {},
                QStringLiteral("server_error"));
        outcome("neither-code-nor-error", callback("state=" + state), 400, Page::Failed, Outcome::InvalidResponse);
        outcome("empty-code", callback("code=&state=" + state), 400, Page::Failed, Outcome::InvalidResponse);
        outcome("code-and-error",
                callback("code=" + code + "&error=access_denied&state=" + state),
                400,
                Page::Failed,
                Outcome::InvalidResponse);
        outcome("control-character-in-code",
                callback("code=ab%0Acd&state=" + state),
                400,
                Page::Failed,
                Outcome::InvalidResponse);
        outcome("quote-in-error-code",
                callback("error=bad%22code&state=" + state),
                400,
                Page::Failed,
                Outcome::InvalidResponse);

        // A wrong or missing state never ends the flow.
        respond("wrong-state", callback("code=" + code + "&state=WRONG"), 400, Page::Error);
        respond("missing-state", callback("code=" + code), 400, Page::Error);
        respond("missing-state-with-error", callback("error=access_denied"), 400, Page::Error);
        respond("empty-state", callback("code=" + code + "&state="), 400, Page::Error);
        respond("state-truncated", callback("code=" + code + "&state=" + state.chopped(1)), 400, Page::Error);
        respond("state-extended", callback("code=" + code + "&state=" + state + "x"), 400, Page::Error);
        respond("state-in-other-case", callback("code=" + code + "&state=" + state.toUpper()), 400, Page::Error);
        respond("state-parameter-name-in-other-case", callback("code=" + code + "&STATE=" + state), 400, Page::Error);
        respond("state-with-plus-as-space", callback("code=" + code + "&state=" + state + "+"), 400, Page::Error);
        respond("no-query", get("/callback"), 400, Page::Error);

        // Duplicates and broken encodings are ignored.
        respond("duplicate-code", callback("code=a&code=b&state=" + state), 400, Page::Error);
        respond("duplicate-state", callback("code=" + code + "&state=" + state + "&state=" + state), 400, Page::Error);
        respond("duplicate-error", callback("error=a&error=b&state=" + state), 400, Page::Error);
        respond("duplicate-state-spelled-encoded",
                callback("code=" + code + "&state=" + state + "&%73tate=" + state),
                400,
                Page::Error);
        respond("truncated-percent-escape", callback("code=abc%4&state=" + state), 400, Page::Error);
        respond("percent-at-the-end", callback("code=" + code + "&state=" + state + "%"), 400, Page::Error);
        respond("non-hex-percent-escape", callback("code=%zz&state=" + state), 400, Page::Error);
        respond("percent-escape-in-a-name", callback("co%g0de=x&state=" + state), 400, Page::Error);
        respond("non-utf8-after-decoding", callback("code=%ff%fe&state=" + state), 400, Page::Error);
        respond("overlong-utf8", callback("code=%c0%af&state=" + state), 400, Page::Error);
        respond("utf8-surrogate", callback("code=%ed%a0%80&state=" + state), 400, Page::Error);
        respond("non-ascii-in-the-target", callback("code=caf\xc3\xa9&state=" + state), 400, Page::Error);

        // Other paths.
        respond("favicon", get("/favicon.ico"), 404, Page::Error);
        respond("root", get("/"), 404, Page::Error);
        respond("trailing-slash", get("/callback/?code=" + code + "&state=" + state), 404, Page::Error);
        respond("path-in-other-case", get("/Callback?code=" + code + "&state=" + state), 404, Page::Error);
        respond("percent-encoded-path", get("/%63allback?code=" + code + "&state=" + state), 404, Page::Error);
        respond("path-parameter", get("/callback;x?code=" + code + "&state=" + state), 404, Page::Error);
        respond("absolute-form-target",
                get("http://127.0.0.1:43123/callback?code=" + code + "&state=" + state),
                400,
                Page::Error);
        respond("fragment", get("/callback?code=" + code + "&state=" + state + "#x"), 400, Page::Error);

        // Methods other than GET: 405 as soon as the headers are in, without waiting for a body.
        for (const char *method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "get"}) {
            QTest::addRow("method-%s", method)
                << request(method, "/callback?code=" + code + "&state=" + state) << false << int(Action::Respond) << 405
                << int(Page::Error) << int(Outcome::None) << QByteArray() << QString();
        }
        respond("head", request("HEAD", "/callback?code=" + code + "&state=" + state), 405, Page::Error);
        respond("post-with-an-unsent-body",
                request("POST", "/callback", withHost(host) + "Content-Length: 100000\r\n"),
                405,
                Page::Error);
        respond("options-asterisk", request("OPTIONS", "*"), 405, Page::Error);

        // The Host header guards against DNS rebinding.
        const QByteArray target = "/callback?code=" + code + "&state=" + state;
        respond("host-missing", get(target, QByteArray()), 400, Page::Error);
        respond("host-localhost", get(target, withHost("localhost:43123")), 400, Page::Error);
        respond("host-evil", get(target, withHost("evil.example")), 400, Page::Error);
        respond("host-evil-with-port", get(target, withHost("evil.example:43123")), 400, Page::Error);
        respond("host-without-port", get(target, withHost("127.0.0.1")), 400, Page::Error);
        respond("host-other-port", get(target, withHost("127.0.0.1:43124")), 400, Page::Error);
        respond("host-ipv6-on-ipv4", get(target, withHost("[::1]:43123")), 400, Page::Error);
        respond("host-ipv4-on-ipv6", get(target, withHost(host)), 400, Page::Error, true);
        respond("host-twice", get(target, withHost(host) + withHost(host)), 400, Page::Error);
        respond("host-empty", get(target, "Host:\r\n"), 400, Page::Error);
        respond("host-with-userinfo", get(target, withHost("user@127.0.0.1:43123")), 400, Page::Error);
        respond("host-checked-before-method", request("POST", "/callback", withHost("evil.example")), 400, Page::Error);
        respond("http-1.0-without-host", request("GET", target, QByteArray(), "HTTP/1.0"), 400, Page::Error);

        // Malformed HTTP.
        respond("http-2-version", request("GET", target, withHost(host), "HTTP/2.0"), 400, Page::Error);
        respond("lowercase-version", request("GET", target, withHost(host), "http/1.1"), 400, Page::Error);
        respond("http-0.9-line", "GET " + target + "\r\n\r\n", 400, Page::Error);
        respond("double-space", "GET  " + target + " HTTP/1.1\r\n" + withHost(host) + "\r\n", 400, Page::Error);
        respond("trailing-garbage-after-version",
                "GET " + target + " HTTP/1.1 x\r\n" + withHost(host) + "\r\n",
                400,
                Page::Error);
        respond("bare-lf-request-line", "GET " + target + " HTTP/1.1\n" + withHost(host) + "\r\n", 400, Page::Error);
        respond("bare-lf-header-line", "GET " + target + " HTTP/1.1\r\nHost: " + host + "\n\r\n", 400, Page::Error);
        respond("obsolete-line-folding", get(target, withHost(host) + "X-A: a\r\n b\r\n"), 400, Page::Error);
        respond("space-before-colon", get(target, "Host : " + host + "\r\n"), 400, Page::Error);
        respond("header-without-colon", get(target, withHost(host) + "NoColon\r\n"), 400, Page::Error);
        respond("control-character-in-header", get(target, withHost(host) + "X-A: a\x01 b\r\n"), 400, Page::Error);
        static const char nulInLine[] = "GET /call\0back HTTP/1.1\r\n";
        respond("nul-in-request-line", QByteArray(nulInLine, sizeof(nulInLine) - 1), 400, Page::Error);
        respond("cr-inside-request-line", "GET /callback\rx HTTP/1.1\r\n", 400, Page::Error);

        // Limits.
        respond("request-line-one-over-the-limit",
                callbackWithRequestLineOf(engine::LoopbackMaxRequestLineBytes + 1),
                414,
                Page::Error);
        respond("64-KiB-request-line", "GET /callback?pad=" + QByteArray(64 * 1024, 'a'), 414, Page::Error);
        respond("header-bytes-one-over-the-limit",
                callbackWithHeaderBytes(engine::LoopbackMaxHeaderBytes + 1),
                431,
                Page::Error);
        respond("65-header-lines", get(target, withHost(host) + headerLines(64)), 431, Page::Error);
        respond("200-KiB-of-headers", get(target, withHost(host) + headerLines(200 * 1024 / 32, 16)), 431, Page::Error);
        respond("one-200-KiB-header",
                get(target, withHost(host) + "X-Big: " + QByteArray(200 * 1024, 'b') + "\r\n"),
                431,
                Page::Error);

        // Not HTTP at all: closed without an answer.
        close("tls-client-hello", tlsClientHello());
        close("nul-bytes", QByteArray(16, '\0'));
        close("leading-crlf", "\r\nGET / HTTP/1.1\r\n");
        close("leading-space", " GET / HTTP/1.1\r\n");
        close("ssh-banner", "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
        close("long-token", QByteArray(40, 'A'));

        needMore("nothing", QByteArray());
        needMore("method-only", "GET");
        needMore("request-line-only", "GET /callback?code=" + code + "&state=" + state + " HTTP/1.1\r\n");
        needMore("headers-without-the-empty-line", "GET /callback HTTP/1.1\r\n" + withHost(host));
        needMore("cr-of-the-empty-line", "GET /callback HTTP/1.1\r\n" + withHost(host) + '\r');
    }

private Q_SLOTS:
    void followsTheRequestMatrix_data()
    {
        addMatrixRows();
    }

    void followsTheRequestMatrix()
    {
        QFETCH(QByteArray, received);
        QFETCH(bool, ipv6);
        QFETCH(int, action);
        QFETCH(int, status);
        QFETCH(int, page);
        QFETCH(int, outcome);
        QFETCH(QByteArray, code);
        QFETCH(QString, errorCode);

        const LoopbackDecision decision =
            decideLoopbackRequest(received, expectation(ipv6 ? LoopbackHost::IPv6 : LoopbackHost::IPv4));
        QCOMPARE(int(decision.action), action);
        QCOMPARE(decision.status, status);
        QCOMPARE(int(decision.outcome), outcome);
        QCOMPARE(decision.code, code);
        QCOMPARE(decision.errorCode, errorCode);
        QVERIFY(QByteArrayView(decision.reason).size() > 0 || decision.action == Action::NeedMoreBytes);
        if (decision.action == Action::Respond) {
            QCOMPARE(int(decision.page), page);
        }
    }

    void answersWithAStaticPage_data()
    {
        addMatrixRows();
    }

    void answersWithAStaticPage()
    {
        QFETCH(QByteArray, received);
        QFETCH(bool, ipv6);
        QFETCH(int, action);
        if (action != int(Action::Respond)) {
            QCOMPARE(loopbackResponse(decideLoopbackRequest(received, expectation())), QByteArray());
            return;
        }
        const LoopbackDecision decision =
            decideLoopbackRequest(received, expectation(ipv6 ? LoopbackHost::IPv6 : LoopbackHost::IPv4));
        const QByteArray response = loopbackResponse(decision);
        QVERIFY2(response.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(decision.status) + ' ')),
                 response.constData());
        QCOMPARE(headerOf(response, "Content-Type"), QByteArray("text/html; charset=utf-8"));
        QCOMPARE(headerOf(response, "Cache-Control"), QByteArray("no-store"));
        QCOMPARE(headerOf(response, "Referrer-Policy"), QByteArray("no-referrer"));
        QCOMPARE(headerOf(response, "Connection"), QByteArray("close"));
        QCOMPARE(headerOf(response, "Allow"), decision.status == 405 ? QByteArray("GET") : QByteArray());

        const qsizetype headerEnd = response.indexOf("\r\n\r\n") + 4;
        const QByteArray body = response.sliced(headerEnd);
        const QByteArray page = engine::loopbackPage(decision.page, decision.status);
        QCOMPARE(headerOf(response, "Content-Length").toLongLong(), page.size());
        QCOMPARE(body, received.startsWith("HEAD ") ? QByteArray() : page);

        // Nothing from the request comes back, and nothing is loaded from elsewhere.
        QVERIFY(!response.contains(code));
        QVERIFY(!response.contains(state));
        QVERIFY(!response.contains("script"));
        QVERIFY(!response.contains("server_error"));
        QVERIFY(!page.contains("href"));
        QVERIFY(!page.contains("src="));
        QVERIFY(!page.contains("http"));
        QVERIFY(page.isValidUtf8());
    }

    void pagesSayWhatHappened()
    {
        QVERIFY(engine::loopbackPage(Page::SignedIn, 200).contains("Signed in — you can close this tab"));
        QVERIFY(engine::loopbackPage(Page::Cancelled, 200).contains("Sign-in cancelled — you can close this tab"));
        QVERIFY(engine::loopbackPage(Page::Failed, 200).contains("Sign-in failed"));
        QVERIFY(engine::loopbackPage(Page::Error, 404).contains("404 Not Found"));
        QVERIFY(engine::loopbackPage(Page::Error, 431).contains("431 Request Header Fields Too Large"));
    }

    // Bytes arrive in any split: every prefix either asks for more or already reaches the final decision.
    void decidesTheSameWhateverTheSplit_data()
    {
        addMatrixRows();
    }

    void decidesTheSameWhateverTheSplit()
    {
        QFETCH(QByteArray, received);
        QFETCH(bool, ipv6);
        const LoopbackExpectation expected = expectation(ipv6 ? LoopbackHost::IPv6 : LoopbackHost::IPv4);
        const LoopbackDecision whole = decideLoopbackRequest(received, expected);
        bool decided = false;
        // Byte by byte; past the first 4 KiB in strides (and around the limits), which keeps the 200 KiB rows
        // quick while still crossing every boundary.
        for (qsizetype length = 0; length <= received.size(); ++length) {
            const bool nearLimit = std::abs(length - engine::LoopbackMaxRequestLineBytes) < 8
                || std::abs(length - engine::LoopbackMaxRequestBytes) < 8;
            if (length > 4096 && length % 61 != 0 && !nearLimit && length != received.size()) {
                continue;
            }
            const LoopbackDecision partial = decideLoopbackRequest(received.first(length), expected);
            if (partial.action == Action::NeedMoreBytes) {
                QVERIFY2(!decided, qPrintable(QStringLiteral("asked for more after deciding, at %1").arg(length)));
                QVERIFY2(length <= engine::LoopbackMaxRequestBytes,
                         qPrintable(QStringLiteral("asked for more at %1 bytes").arg(length)));
                continue;
            }
            decided = true;
            QCOMPARE(int(partial.action), int(whole.action));
            QCOMPARE(partial.status, whole.status);
            QCOMPARE(int(partial.outcome), int(whole.outcome));
            QCOMPARE(partial.code, whole.code);
        }
    }

    // FZ-2, on mutations of valid requests and on random bytes: a code is accepted only from GET /callback
    // with the expected state, and no input of any size is left waiting for more than the limit.
    void acceptsACodeOnlyFromAGetCallbackWithTheState()
    {
        QRandomGenerator random(20260101);
        const auto pick = [&random](qsizetype bound) {
            return qsizetype(random.bounded(quint32(bound)));
        };
        const QList<QByteArray> seeds = {valid(),
                                         callback("state=" + state + "&code=" + code),
                                         callback("error=access_denied&state=" + state),
                                         request("POST", "/callback?code=" + code + "&state=" + state),
                                         get("/favicon.ico"),
                                         tlsClientHello()};
        static const char characters[] = "GETPOSH /?&=%+#:;\r\n\t\0\xff\x80"
                                         "codestaHTP1.0123456789abcdefABCDEF_-~";
        const QByteArray alphabet(characters, sizeof(characters) - 1);
        int accepted = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray input = seeds.at(pick(seeds.size()));
            const qsizetype mutations = 1 + pick(4);
            for (qsizetype m = 0; m < mutations; ++m) {
                const qsizetype at = input.isEmpty() ? 0 : pick(input.size());
                const char c = alphabet.at(pick(alphabet.size()));
                switch (pick(4)) {
                case 0:
                    input.insert(at, c);
                    break;
                case 1:
                    if (!input.isEmpty()) {
                        input.remove(at, 1);
                    }
                    break;
                case 2:
                    if (!input.isEmpty()) {
                        input[at] = c;
                    }
                    break;
                default:
                    input.insert(at, input.mid(pick(input.size() + 1), pick(16)));
                    break;
                }
            }
            const LoopbackDecision decision = decideLoopbackRequest(input, expectation());
            if (decision.outcome == Outcome::Code) {
                ++accepted;
                QVERIFY2(acceptanceIsJustified(input), input.toPercentEncoding().constData());
                QVERIFY(!decision.code.isEmpty());
            }
        }
        // The mutations leave plenty of valid callbacks, so the property was actually exercised.
        QVERIFY(accepted > 100);

        for (int round = 0; round < 400; ++round) {
            QList<quint32> words(pick(engine::LoopbackMaxRequestBytes / 2));
            random.fillRange(words.data(), words.size());
            QByteArray noise(reinterpret_cast<const char *>(words.constData()), words.size() * 4);
            if (round % 2 == 0) {
                noise.prepend("GET /callback?");
            }
            const LoopbackDecision decision = decideLoopbackRequest(noise, expectation());
            QVERIFY(decision.outcome != Outcome::Code);
            QVERIFY(decision.action != Action::NeedMoreBytes || noise.size() <= engine::LoopbackMaxRequestBytes);
        }
    }

    void neverAcceptsWithoutAnExpectedState()
    {
        const LoopbackExpectation none{LoopbackHost::IPv4, port, QByteArray()};
        QCOMPARE(decideLoopbackRequest(callback("code=" + code + "&state="), none).outcome, Outcome::None);
        QCOMPARE(decideLoopbackRequest(callback("code=" + code), none).outcome, Outcome::None);
    }
};

QTEST_GUILESS_MAIN(TestLoopbackRequest)
#include "tst_loopbackrequest.moc"
