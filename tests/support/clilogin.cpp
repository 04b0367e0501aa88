#include "clilogin.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

namespace testsupport
{

CliLogin cliLogin(const QString &cli, const QProcessEnvironment &environment)
{
    CliLogin result;
    QProcess login;
    login.setProcessEnvironment(environment);
    login.start(
        cli,
        {QStringLiteral("login"), QStringLiteral("--no-browser"), QStringLiteral("--timeout"), QStringLiteral("30")});
    if (QTest::qWaitFor(
            [&] {
                return login.canReadLine();
            },
            20000)) {
        result.authorize = QUrl(QString::fromUtf8(login.readLine().trimmed()));
        QNetworkAccessManager browser;
        QNetworkReply *page = browser.get(QNetworkRequest(result.authorize));
        QSignalSpy pageDone(page, &QNetworkReply::finished);
        if (page->isFinished() || pageDone.wait(20000)) {
            result.pageStatus = page->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        }
        delete page;
    }
    result.finished = login.waitForFinished(30000);
    if (!result.finished) {
        login.kill();
        login.waitForFinished();
    }
    result.exitCode = login.exitCode();
    result.output = login.readAllStandardOutput();
    return result;
}

} // namespace testsupport
