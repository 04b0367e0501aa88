#include "tests/session/sessiontestsupport.h"

#include <QDirIterator>
#include <QFile>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QTest>
#include <QTimer>

#include <memory>

namespace sessiontest
{

Browser::Browser()
{
    m_network.setProxy(QNetworkProxy::NoProxy);
}

Page Browser::get(const QUrl &url, bool followRedirects)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy
                                         : QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(AnswerTimeoutMs);
    const std::unique_ptr<QNetworkReply> reply(m_network.get(request));
    const bool finished = QTest::qWaitFor(
        [&] {
            return reply->isFinished();
        },
        AnswerTimeoutMs + 1000);
    Page page;
    page.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    page.location = reply->header(QNetworkRequest::LocationHeader).toUrl();
    page.body = reply->readAll();
    page.error = finished ? reply->error() : QNetworkReply::TimeoutError;
    return page;
}

SpotifyRig::SpotifyRig()
{
    network.setProxy(QNetworkProxy::NoProxy);
    spotify.start();
}

engine::Session::Options SpotifyRig::sessionOptions(const QString &secretKey) const
{
    engine::Session::Options options;
    options.accountsUrl = spotify.accountsUrl();
    options.clientId = testsupport::FakeSpotify::Options().clientId;
    options.secretKey = secretKey;
    return options;
}

Page signIn(engine::SignInFlow &flow, Browser &browser)
{
    flow.start();
    if (flow.state() != engine::SignInFlow::State::WaitingForBrowser) {
        return {};
    }
    const Page page = browser.get(flow.authorizeUrl());
    if (!QTest::qWaitFor(
            [&] {
                return !flow.isBusy();
            },
            AnswerTimeoutMs)) {
        qWarning("the sign-in attempt did not end within 15 s");
    }
    return page;
}

engine::SignInFlow::BrowserOpener recordingOpener(QList<QUrl> *opened, bool opens)
{
    return [opened, opens](const QUrl &url) {
        opened->append(url);
        return opens;
    };
}

QList<testsupport::FakeSpotify::RecordedRequest> tokenRequests(const testsupport::FakeSpotify &spotify)
{
    QList<testsupport::FakeSpotify::RecordedRequest> posts;
    for (const auto &entry : spotify.requests()) {
        if (entry.request.method == "POST" && entry.request.path == QLatin1String("/api/token")) {
            posts.append(entry);
        }
    }
    return posts;
}

engine::spotifyjson::TokenResponse tokensOf(const testsupport::FakeSpotify::Tokens &tokens)
{
    engine::spotifyjson::TokenResponse response;
    response.accessToken = tokens.accessToken.toUtf8();
    response.refreshToken = tokens.refreshToken.toUtf8();
    response.scope = tokens.scope;
    response.expiresInS = tokens.expiresInS;
    return response;
}

engine::SecretStore::Answer await(const std::function<void(engine::SecretStore::Callback)> &call)
{
    std::optional<engine::SecretStore::Answer> result;
    call([&](const engine::SecretStore::Answer &answer) {
        result = answer;
    });
    if (!QTest::qWaitFor(
            [&] {
                return result.has_value();
            },
            AnswerTimeoutMs)) {
        return {engine::SecretStore::Status::Failed, {}, QStringLiteral("no answer within 15 s")};
    }
    return *result;
}

std::optional<bool> awaitRefresh(engine::Session &session, const QByteArray &rejected)
{
    QObject context;
    std::optional<bool> result;
    session.refreshAccessToken(rejected, &context, [&](bool ok) {
        result = ok;
    });
    if (!QTest::qWaitFor(
            [&] {
                return result.has_value();
            },
            AnswerTimeoutMs)) {
        return std::nullopt;
    }
    return result;
}

QStringList filesContaining(const QString &root, const QByteArrayList &needles)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QStringList found = occurrences(file.readAll(), needles);
        for (const QString &needle : found) {
            hits.append(file.fileName() + QStringLiteral(": ") + needle);
        }
    }
    return hits;
}

QStringList occurrences(const QByteArray &haystack, const QByteArrayList &needles)
{
    QStringList found;
    for (qsizetype i = 0; i < needles.size(); ++i) {
        if (!needles.at(i).isEmpty() && haystack.contains(needles.at(i))) {
            // The index, not the secret: a failing test must not print the value it failed to keep out.
            found.append(QStringLiteral("secret #%1").arg(i));
        }
    }
    return found;
}

QByteArrayList signInSecrets(const testsupport::FakeSpotify &spotify)
{
    QByteArrayList secrets;
    for (const QString &secret : spotify.issuedSecrets()) {
        secrets.append(secret.toUtf8());
    }
    for (const auto &entry : spotify.requests()) {
        const QString verifier = entry.request.formValue(QStringLiteral("code_verifier"));
        const QString state = entry.request.queryValue(QStringLiteral("state"));
        for (const QString &secret : {verifier, state}) {
            if (!secret.isEmpty()) {
                secrets.append(secret.toUtf8());
            }
        }
    }
    return secrets;
}

bool haveSessionBus()
{
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

RecordingStore::RecordingStore(engine::SecretStore *inner, QObject *parent)
    : SecretStore(parent)
    , m_inner(inner)
{
}

void RecordingStore::read(const QString &key, Callback done)
{
    forward(
        QStringLiteral("read"),
        failReads,
        [this, key](Callback answer) {
            m_inner->read(key, std::move(answer));
        },
        std::move(done));
}

void RecordingStore::write(const QString &key, const QByteArray &secret, Callback done)
{
    forward(
        QStringLiteral("write"),
        failWrites,
        [this, key, secret](Callback answer) {
            m_inner->write(key, secret, std::move(answer));
        },
        std::move(done));
}

void RecordingStore::remove(const QString &key, Callback done)
{
    forward(
        QStringLiteral("remove"),
        std::nullopt,
        [this, key](Callback answer) {
            m_inner->remove(key, std::move(answer));
        },
        std::move(done));
}

bool RecordingStore::isPersistent() const
{
    return m_inner->isPersistent();
}

void RecordingStore::forward(const QString &operation,
                             const std::optional<Status> &failure,
                             const std::function<void(Callback)> &call,
                             Callback done)
{
    Callback logged = [this, operation, done = std::move(done)](const Answer &answer) {
        log.append(operation + QLatin1Char(' ') + engine::secretStatusName(answer.status));
        done(answer);
    };
    if (failure) {
        QTimer::singleShot(0, this, [logged = std::move(logged), status = *failure] {
            logged({status, {}, QStringLiteral("told to fail")});
        });
        return;
    }
    call(std::move(logged));
}

} // namespace sessiontest
