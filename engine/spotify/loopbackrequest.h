#pragma once

#include "engine/spotify/authorizeurl.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <utility>

namespace engine
{

// Limits on one request to the sign-in receiver (RELIABILITY.md OA-6).
inline constexpr qsizetype LoopbackMaxRequestLineBytes = 8 * 1024; // without its CRLF
inline constexpr qsizetype LoopbackMaxHeaderBytes = 16 * 1024; // header lines with their CRLFs
inline constexpr int LoopbackMaxHeaderLines = 64;
// No acceptable request is longer, so a reader never needs to buffer more than this (plus one byte to see
// that a limit was broken): decideLoopbackRequest() never asks for more bytes beyond it.
inline constexpr qsizetype LoopbackMaxRequestBytes = LoopbackMaxRequestLineBytes + 2 + LoopbackMaxHeaderBytes + 2;

// What the receiver is waiting for: the authority it listens on and the state of this sign-in attempt.
struct LoopbackExpectation {
    LoopbackHost host = LoopbackHost::IPv4;
    quint16 port = 0;
    QByteArray state;
};

struct LoopbackDecision {
    enum class Action {
        NeedMoreBytes, // the request is incomplete and no limit is broken yet
        Respond, // send loopbackResponse(decision), then close the connection
        Close, // not HTTP: close without an answer
    };
    // What the request means for the sign-in; anything but None ends it.
    enum class Outcome {
        None, // keep listening
        Code, // a valid callback: exchange `code`
        Cancelled, // the user declined (error=access_denied)
        Failed, // Spotify reported `errorCode`
        InvalidResponse, // the right state, but neither a usable code nor an error
    };
    enum class Page {
        None,
        SignedIn,
        Cancelled,
        Failed,
        Error, // a plain page naming the status, for requests that are not a sign-in response
    };

    Action action = Action::NeedMoreBytes;
    int status = 0;
    Page page = Page::None;
    bool omitBody = false; // the answer to HEAD
    QList<std::pair<QByteArray, QByteArray>> headers; // beyond Content-Type, Content-Length and Connection
    Outcome outcome = Outcome::None;
    QByteArray code; // Outcome::Code only
    QString errorCode; // Outcome::Failed only: an OAuth error code, never its description
    const char *reason = ""; // for the log: fixed text that never contains request data
};

// Decides what to do with the bytes received so far on one connection. Pure: no I/O, no state, so it can be
// fed byte by byte and fuzzed. It returns Outcome::Code only for GET /callback whose state equals
// `expectation.state` (compared in constant time), and never asks for more than LoopbackMaxRequestBytes.
LoopbackDecision decideLoopbackRequest(QByteArrayView received, const LoopbackExpectation &expectation);

// The complete HTTP/1.1 answer for a Respond decision: static page, no external resources, no reflected input.
QByteArray loopbackResponse(const LoopbackDecision &decision);

// The HTML of a page (UTF-8), for a status when the page is Page::Error.
QByteArray loopbackPage(LoopbackDecision::Page page, int status);

} // namespace engine
