#pragma once

#include "hub/household.h"
#include "hub/http.h"
#include "hub/metrics.h"
#include "hub/model.h"
#include "hub/ratelimiter.h"
#include "hub/training.h"

#include <QList>
#include <QSet>

namespace hub
{

class ReadinessProbe;
class Store;
struct DeviceIdentity;

// The hub's HTTP API, independent of the transport: HttpServer hands every request to handle(). The routes
// are listed in the constructor and described in hub/openapi.yaml (served at GET /api/v1/openapi.yaml):
//   GET /healthz, GET /readyz, GET /metrics
//   POST /api/v1/pair; with a device token: POST /api/v1/sync, GET|DELETE /api/v1/me, GET /api/v1/me/export,
//   GET /api/v1/households/{id}/members,
//   GET /api/v1/household, GET /api/v1/household/{week,favourites,overlap,top} (householdapi.cpp),
//   GET|PUT /api/v1/me/training (trainingapi.cpp), GET /api/v1/model, GET /api/v1/model/household,
//   GET /api/v1/me/recommendations (modelapi.cpp), GET /api/v1/concerts (concertsapi.cpp)
// Errors are application/problem+json with a machine "code" (http.h). Unknown paths get 404 and known paths
// with another method 405.
// What one client address may send without a device token; over it, 429 with Retry-After.
struct AddressLimits {
    // HB-5: every route without a token (pair, the probes, the API document), a token bucket per address.
    TokenBucketLimiter::Limits requests;
    // HB-2: pairing attempts per address in sliding windows, so an invite code cannot be guessed.
    int pairPerMinute = 5;
    int pairPerHour = 20;
};

class Api
{
public:
    // tokenLimits: the requests each device token may send (HB-5); over them, 429 with Retry-After.
    Api(ReadinessProbe &readiness,
        Store &store,
        TokenBucketLimiter::Limits tokenLimits = {},
        const AddressLimits &addressLimits = {});

    // Never throws: an HttpError becomes its response, an unavailable database 503, anything else a 500.
    HttpResponse handle(const HttpRequest &request) const noexcept;

    // "METHOD /path" of every route, for the check that the OpenAPI document describes them all.
    QList<QByteArray> routeNames() const;

    const Metrics &metrics() const;
    // For serve's training schedule (trainingapi.cpp).
    void recordTrainingRun(Metrics::TrainingRunIndex outcome) const;
    // For HttpServer, which answers shed requests itself (HB-10): seconds from accepting the connection to the
    // 503 being written.
    void recordShed(double seconds) const;

private:
    using Handler = HttpResponse (Api::*)(const HttpRequest &, const DeviceIdentity &) const;
    struct Route {
        QByteArray method;
        QByteArray path; // segments in braces match any one segment
        Handler handler;
        bool authenticated;
    };

    HttpResponse dispatch(const HttpRequest &request, QByteArray &routeName) const;
    DeviceIdentity authenticate(const HttpRequest &request) const;
    void limitAddress(const HttpRequest &request) const;

    HttpResponse healthz(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse readyz(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse metricsText(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse openApi(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse pair(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse sync(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse me(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse exportMe(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse deleteMe(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse householdMembers(const HttpRequest &request, const DeviceIdentity &device) const;
    // householdapi.cpp
    HttpResponse household(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse householdWeek(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse householdFavourites(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse householdOverlap(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse householdTop(const HttpRequest &request, const DeviceIdentity &device) const;
    // trainingapi.cpp
    HttpResponse training(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse putTraining(const HttpRequest &request, const DeviceIdentity &device) const;
    // modelapi.cpp
    HttpResponse model(const HttpRequest &request, const DeviceIdentity &device) const;
    HttpResponse modelHousehold(const HttpRequest &request, const DeviceIdentity &device) const;
    // household_tracks of both answers: the model's items (itemIds) that the household played.
    QJsonArray householdTracks(qint64 householdId, const QStringList &itemIds) const;
    HttpResponse recommendations(const HttpRequest &request, const DeviceIdentity &device) const;
    // concertsapi.cpp
    HttpResponse concerts(const HttpRequest &request, const DeviceIdentity &device) const;

    ReadinessProbe &m_readiness;
    Store &m_store;
    mutable HouseholdStore m_household;
    mutable TrainingStore m_training;
    mutable ModelStore m_models;
    mutable RateLimiter m_pairingLimiter;
    mutable TokenBucketLimiter m_tokenLimiter;
    mutable TokenBucketLimiter m_addressLimiter;
    QList<Route> m_routes;
    QSet<QByteArray> m_routeNames;
    mutable Metrics m_metrics;
};

} // namespace hub
