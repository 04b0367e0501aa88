#pragma once

#include "engine/spotify/secretstore.h"
#include "engine/spotify/session.h"
#include "engine/spotify/signinflow.h"
#include "tests/support/spotify/fakespotify.h"

#include <QByteArrayList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

// What the session and sign-in tests share: a "browser", a fake Spotify wired to a network manager that never
// takes a proxy, a secret store that records and fails on request, and artefact greps. Talks to 127.0.0.1 only.
namespace sessiontest
{

inline constexpr int AnswerTimeoutMs = 15000;

// What the browser ended up with.
struct Page {
    int status = 0; // 0: no HTTP answer (see error)
    QUrl location; // of a redirect that was not followed
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

// The user's browser, as far as a sign-in needs one.
class Browser
{
public:
    Browser();
    // GET, following Spotify's redirect to the loopback callback unless told not to.
    Page get(const QUrl &url, bool followRedirects = true);

private:
    QNetworkAccessManager m_network;
};

// A fake Spotify on an ephemeral port, and what code under test needs to reach it.
struct SpotifyRig {
    SpotifyRig();
    // The session settings for this fake; `secretKey` keeps tests that share a keychain apart.
    engine::Session::Options sessionOptions(const QString &secretKey = QStringLiteral("spotify-refresh-token")) const;

    testsupport::FakeSpotify spotify;
    QNetworkAccessManager network; // for the session and the flow: no proxy
    Browser browser;
};

// Starts an attempt on `flow`, visits its authorize URL like a browser and waits for the attempt to end.
// Returns the browser's last page.
Page signIn(engine::SignInFlow &flow, Browser &browser);

// An opener for tests: records the URL and reports whether "the browser" opened.
engine::SignInFlow::BrowserOpener recordingOpener(QList<QUrl> *opened, bool opens = true);

// The POSTs to /api/token the fake received, oldest first.
QList<testsupport::FakeSpotify::RecordedRequest> tokenRequests(const testsupport::FakeSpotify &spotify);

// The tokens of a grant the fake issued without a sign-in, as the session takes them.
engine::spotifyjson::TokenResponse tokensOf(const testsupport::FakeSpotify::Tokens &tokens);

// Runs one store call and waits for its answer on the event loop.
engine::SecretStore::Answer await(const std::function<void(engine::SecretStore::Callback)> &call);

// Runs refreshAccessToken() and waits for its answer; nullopt when none came.
std::optional<bool> awaitRefresh(engine::Session &session, const QByteArray &rejected);

// Every file under `root` (recursively, hidden ones included) that contains one of `needles`, with the needle.
QStringList filesContaining(const QString &root, const QByteArrayList &needles);

// The needles of `haystack`, by index, that occur in it.
QStringList occurrences(const QByteArray &haystack, const QByteArrayList &needles);

// Every secret a sign-in involves, as the fake saw them: codes, access and refresh tokens it issued, and each
// verifier and state that reached it.
QByteArrayList signInSecrets(const testsupport::FakeSpotify &spotify);

bool haveSessionBus();

// A store that forwards to `inner`, logs each answered call ("write ok", "read not-found" …) into `log`, and
// answers `failure` instead of asking `inner` for the operations told to fail.
class RecordingStore : public engine::SecretStore
{
    Q_OBJECT
public:
    explicit RecordingStore(engine::SecretStore *inner, QObject *parent = nullptr);

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QByteArray &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;
    bool isPersistent() const override;

    std::optional<Status> failReads;
    std::optional<Status> failWrites;
    QStringList log; // tests add their own events, so that the order can be checked

private:
    void forward(const QString &operation,
                 const std::optional<Status> &failure,
                 const std::function<void(Callback)> &call,
                 Callback done);

    engine::SecretStore *m_inner;
};

} // namespace sessiontest
