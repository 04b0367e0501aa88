#include "tests/support/concerts/loopbackhttp.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>

#include <algorithm>
#include <memory>

namespace testsupport
{

bool LoopbackReply::hasHeader(const QByteArray &name) const
{
    return std::any_of(headers.cbegin(), headers.cend(), [&name](const QNetworkReply::RawHeaderPair &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

QByteArray LoopbackReply::header(const QByteArray &name) const
{
    for (const QNetworkReply::RawHeaderPair &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QJsonObject LoopbackReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

LoopbackReply loopbackGet(QNetworkAccessManager &manager, const QNetworkRequest &request, int waitMs)
{
    LoopbackReply result;
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<QNetworkReply> reply(manager.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    result.finished = reply->isFinished() || finished.wait(waitMs);
    result.elapsedMs = timer.elapsed();
    if (!result.finished) {
        reply->abort();
        return result;
    }
    result.error = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    return result;
}

} // namespace testsupport
