// GET|PUT /api/v1/me/training: whether the caller's plays join the model. Off until the member says so.

#include "hub/api.h"
#include "hub/dto.h"
#include "hub/logging.h"
#include "hub/store.h"

#include <QJsonObject>

namespace hub
{

namespace
{

HttpResponse trainingJson(bool optIn)
{
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("opt_in"), optIn}});
}

} // namespace

void Api::recordTrainingRun(Metrics::TrainingRunIndex outcome) const
{
    m_metrics.recordTrainingRun(outcome);
}

HttpResponse Api::training(const HttpRequest &, const DeviceIdentity &device) const
{
    return trainingJson(m_training.optIn(device.memberId));
}

HttpResponse Api::putTraining(const HttpRequest &request, const DeviceIdentity &device) const
{
    const QJsonObject body = parseJsonObjectBody(request);
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (it.key() != QLatin1String("opt_in")) {
            throw HttpError(
                400,
                QByteArrayLiteral("unknown_field"),
                QStringLiteral("The field \"%1\" is not known; send {\"opt_in\": true} or false.").arg(it.key()));
        }
    }
    if (!body.value(QStringLiteral("opt_in")).isBool()) {
        throw HttpError(400, QByteArrayLiteral("invalid_field"), QStringLiteral("\"opt_in\" must be true or false."));
    }
    const bool optIn = body.value(QStringLiteral("opt_in")).toBool();
    m_training.setOptIn(device.memberId, optIn);
    qCInfo(lcHttp) << "Member" << device.memberId << (optIn ? "joined" : "left") << "training.";
    return trainingJson(optIn);
}

} // namespace hub
