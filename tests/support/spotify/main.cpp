#include "tests/support/spotify/fakespotify.h"
#include "tests/support/spotify/fakespotifydump.h"
#include "tunescoutversion.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <csignal>
#include <cstdio>

#include <pthread.h>

using testsupport::FakeSpotify;

int main(int argc, char *argv[])
{
    // Blocked before any thread starts, so that every thread inherits the mask and the main thread
    // alone receives SIGTERM/SIGINT through sigwait() below.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tunescout-fake-spotify"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUNESCOUT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A fake Spotify accounts service and Web API on 127.0.0.1, for tests and for "
                       "running TuneScout without the internet."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port to listen on; 0 picks a free one."),
                                  QStringLiteral("N"),
                                  QStringLiteral("0"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("development-2026 (default) or extended."),
                                     QStringLiteral("profile"),
                                     QStringLiteral("development-2026"));
    const QCommandLineOption clientId(QStringLiteral("client-id"),
                                      QStringLiteral("The only client ID the accounts service accepts."),
                                      QStringLiteral("ID"),
                                      QStringLiteral("tunescout-test-client"));
    const QCommandLineOption noPremium(QStringLiteral("no-premium"),
                                       QStringLiteral("The user has no Premium: player commands answer 403."));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed of the generated library."),
                                  QStringLiteral("N"),
                                  QStringLiteral("2026"));
    const QCommandLineOption autoApprove(
        QStringLiteral("auto-approve"),
        QStringLiteral("/authorize redirects at once instead of showing a consent page."));
    const QCommandLineOption dump(
        QStringLiteral("dump"),
        QStringLiteral("Write every body the fake serves, and index.json, to DIR; then exit."),
        QStringLiteral("DIR"));
    parser.addOptions({port, profile, clientId, noPremium, seed, autoApprove, dump});
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    FakeSpotify::Options options;
    bool valid = false;
    const uint portNumber = parser.value(port).toUInt(&valid);
    if (!valid || portNumber > 65535) {
        err << "invalid --port" << Qt::endl;
        return 2;
    }
    options.port = quint16(portNumber);
    if (parser.value(profile) == QLatin1String("extended")) {
        options.profile = FakeSpotify::Profile::Extended;
    } else if (parser.value(profile) != QLatin1String("development-2026")) {
        err << "unknown --profile (development-2026 or extended)" << Qt::endl;
        return 2;
    }
    options.clientId = parser.value(clientId);
    options.premium = !parser.isSet(noPremium);
    options.seed = parser.value(seed).toULongLong(&valid);
    if (!valid) {
        err << "invalid --seed" << Qt::endl;
        return 2;
    }
    options.consent = parser.isSet(autoApprove) ? FakeSpotify::Consent::AutoApprove : FakeSpotify::Consent::AskUser;

    if (parser.isSet(dump))
        return testsupport::dumpFakeSpotify(parser.value(dump), options, err);

    FakeSpotify fake(options);
    if (!fake.start()) {
        err << "cannot listen on 127.0.0.1:" << options.port << Qt::endl;
        return 1;
    }
    out << "accounts=" << fake.accountsUrl().toString() << '\n' << "api=" << fake.apiUrl().toString() << Qt::endl;

    int received = 0;
    sigwait(&signals, &received);
    fake.stop();
    return 0;
}
