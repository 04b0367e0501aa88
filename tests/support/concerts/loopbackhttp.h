#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QNetworkRequest>

class QNetworkAccessManager;

namespace testsupport
{

// The outcome of one request to a fake over loopback, collected once the reply has finished.
struct LoopbackReply {
    bool finished = false; // false: no answer within the wait
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 elapsedMs = 0; // from sending to finished

    bool hasHeader(const QByteArray &name) const; // case-insensitive, as HTTP has it
    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const; // the body as a JSON object, empty when it is not one
};

// Sends a GET and waits, spinning the event loop, until the reply finishes or `waitMs` pass. For a
// request that should time out, give it a transfer timeout shorter than `waitMs`.
LoopbackReply loopbackGet(QNetworkAccessManager &manager, const QNetworkRequest &request, int waitMs = 10000);

} // namespace testsupport
