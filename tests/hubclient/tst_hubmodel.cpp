// The household model's download (engine/hubclient/hubmodel): GET /api/v1/model from the real hub over loopback,
// asked again with If-None-Match (304 keeps what is there), a new version replacing the old one in the cache, a
// new play in the household reaching the device without a new training, household picks (householdpicks) that
// keep hidden artists out and the per-artist cap with the artists the hub sent, and answers the real hub cannot
// give (wrong sizes, non-finite values, bad base64) refused with the old model kept — those from a tiny loopback
// fake.

#include "engine/discover/feedbackrepository.h"
#include "engine/hubclient/householdpicks.h"
#include "engine/hubclient/hubclient.h"
#include "engine/hubclient/hubledger.h"
#include "engine/hubclient/hubmodel.h"
#include "engine/spotify/secretstore.h"
#include "engine/store/outboxrepository.h"
#include "hub/training.h"
#include "tests/hubclient/hubclienttestsupport.h"
#include "tests/support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>
#include <QtEndian>

#include <cmath>
#include <limits>

using namespace engine;

namespace
{

QString trackUri(int n)
{
    return QStringLiteral("spotify:track:%1").arg(n, 22, 10, QLatin1Char('0'));
}

QJsonObject playPayload(int track, int n)
{
    return QJsonObject{{QStringLiteral("track_uri"), trackUri(track)},
                       {QStringLiteral("track_name"), QStringLiteral("Track %1").arg(track)},
                       {QStringLiteral("artists"),
                        QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Artist %1").arg(track % 3)}}}},
                       {QStringLiteral("played_at_ms"), QJsonValue(qint64(1700000000000) + qint64(n) * 60000)},
                       {QStringLiteral("source"), QStringLiteral("polled")}};
}

QString artistUri(const QString &name)
{
    return QStringLiteral("spotify:artist:%1").arg(name, 22, QLatin1Char('0'));
}

// A sync item: a play of `track` by one artist (without a URI when `uri` is empty).
QJsonObject playOf(int track, const QString &artist, const QString &uri, int n)
{
    QJsonObject payload = playPayload(track, n);
    QJsonObject by{{QStringLiteral("name"), artist}};
    if (!uri.isEmpty()) {
        by.insert(QStringLiteral("uri"), uri);
    }
    payload.insert(QStringLiteral("artists"), QJsonArray{by});
    return QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                       {QStringLiteral("kind"), QStringLiteral("play")},
                       {QStringLiteral("payload"), payload}};
}

QByteArray floats(const QList<float> &values)
{
    QByteArray bytes(values.size() * qsizetype(sizeof(float)), Qt::Uninitialized);
    qToLittleEndian<float>(values.constData(), values.size(), bytes.data());
    return bytes;
}

// A 200 answer of GET /api/v1/model with two items of two dimensions.
QJsonObject modelJson(qint64 version, const QByteArray &factors)
{
    return QJsonObject{{QStringLiteral("version"), version},
                       {QStringLiteral("created_at_ms"), qint64(1700000000000)},
                       {QStringLiteral("dimensions"), 2},
                       {QStringLiteral("params"),
                        QJsonObject{{QStringLiteral("regularization"), 0.1},
                                    {QStringLiteral("alpha"), 2.0},
                                    {QStringLiteral("weighting"), QStringLiteral("log1p")}}},
                       {QStringLiteral("item_ids"), QJsonArray{trackUri(1), trackUri(2)}},
                       {QStringLiteral("encoding"), QStringLiteral("float32-le-row-major-base64")},
                       {QStringLiteral("factors"), QString::fromLatin1(factors.toBase64())},
                       {QStringLiteral("household_tracks"),
                        QJsonArray{QJsonObject{{QStringLiteral("uri"), trackUri(2)},
                                               {QStringLiteral("name"), QStringLiteral("Track 2")},
                                               {QStringLiteral("members"), QJsonArray{QStringLiteral("Bo")}}}}}};
}

// A client's cache, keychain and HubClient; store work runs at once (as in the CLI).
struct Client {
    Client()
    {
        store = std::move(Store::open(dir.path()).store);
        HubClient::Options options;
        options.maxAttempts = 2;
        options.backoffBase = std::chrono::milliseconds(10);
        client = std::make_unique<HubClient>(runner(), &secrets, &network, options);
    }

    HubClient::StoreRunner runner()
    {
        return [this](std::function<void(Store &)> work, std::function<void()> then) {
            work(*store);
            QTimer::singleShot(0, &network, std::move(then));
        };
    }

    // Pairs as `name` on the machine "pc" and waits for the hub's answer (nullopt: none came).
    std::optional<HubPairOutcome> pair(const QString &url, const QString &invite, const QString &name)
    {
        std::optional<HubPairOutcome> outcome;
        client->pair({url, invite, name, QStringLiteral("pc"), false, {}}, [&outcome](const HubPairOutcome &o) {
            outcome = o;
        });
        const bool answered = QTest::qWaitFor(
            [&outcome] {
                return outcome.has_value();
            },
            20000);
        return answered ? outcome : std::nullopt;
    }

    std::optional<HubModelReport> download()
    {
        std::optional<HubModelReport> report;
        downloadHubModel(*client, runner(), [&report](const HubModelReport &r) {
            report = r;
        });
        const bool answered = QTest::qWaitFor(
            [&report] {
                return report.has_value();
            },
            20000);
        return answered ? report : std::nullopt;
    }

    Result<HouseholdPicks> picks(int perArtistCap)
    {
        const auto model = kept();
        if (!model) {
            return Error{Error::Code::NotFound, QStringLiteral("no model kept")};
        }
        HouseholdPicksOptions options;
        options.nowMs = QDateTime::currentMSecsSinceEpoch();
        options.perArtistCap = perArtistCap;
        options.memberName = QStringLiteral("Ana");
        return householdPicks(store->database(), *model, options);
    }

    std::optional<HubModel> kept()
    {
        auto models = HubModelRepository::create(store->database());
        const auto model = models.value().load();
        return model ? model.value() : std::nullopt;
    }

    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    MemorySecretStore secrets;
    QNetworkAccessManager network;
    std::unique_ptr<HubClient> client;
};

// Answers every request with one canned HTTP answer and remembers the request heads.
class CannedHttp : public QObject
{
public:
    // One answer per request, in order; the last one again for any further request.
    explicit CannedHttp(QList<QByteArray> answers)
        : m_answers(std::move(answers))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_buffer += socket->readAll();
                    if (m_buffer.contains("\r\n\r\n")) {
                        heads.append(m_buffer.left(m_buffer.indexOf("\r\n\r\n")));
                        m_buffer.clear();
                        socket->write(m_answers.at(std::min(heads.size(), m_answers.size()) - 1));
                        socket->disconnectFromHost();
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }

    QList<QByteArray> heads;

private:
    QTcpServer m_server;
    QList<QByteArray> m_answers;
    QByteArray m_buffer;
};

QByteArray notModified()
{
    return "HTTP/1.1 304 Not Modified\r\nETag: \"model-3-h0123456789abcdef\"\r\nConnection: close\r\n\r\n";
}

QByteArray problemAnswer(int status, const QByteArray &code, const QByteArray &detail)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("status"), status},
                                                      {QStringLiteral("code"), QString::fromLatin1(code)},
                                                      {QStringLiteral("detail"), QString::fromLatin1(detail)}})
                                .toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status)
        + " Not Found\r\nContent-Type: application/problem+json\r\n"
          "Connection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray okAnswer(const QJsonObject &json)
{
    const QByteArray body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"model-9\"\r\nConnection: close\r\n"
           "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Pairs `client` with the hub at `url` as pairing would have (the token in its secrets) and keeps version 3 of a
// model from it, with an ETag naming the household's data.
bool keepVersion3(Client &client, const QUrl &url)
{
    HubPairing pairing;
    pairing.url = url;
    pairing.householdId = 1;
    pairing.memberName = QStringLiteral("Ana");
    if (!HubLedger::create(*client.store).value().savePairing(pairing)) {
        return false;
    }
    std::optional<SecretStore::Answer> written;
    client.secrets.write(QString::fromLatin1(HubClient::TokenKey), "token", [&written](const SecretStore::Answer &a) {
        written = a;
    });
    if (!QTest::qWaitFor([&written] {
            return written.has_value();
        })) {
        return false;
    }
    HubModel model = parseHubModel(modelJson(3, floats({1, 0, 0, 4}))).value();
    model.hubUrl = url;
    model.householdId = 1;
    model.etag = "\"model-3-h0123456789abcdef\"";
    return bool(HubModelRepository::create(client.store->database()).value().save(model));
}

} // namespace

class TestHubModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseRefusesWhatCannotBeUsed_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("message");
        const QByteArray good = floats({1, 0, 0, 4});
        QTest::addRow("factors one float short")
            << modelJson(3, good.left(12)) << "factors holds 12 bytes, but 2 items × 2 dimensions × 4 bytes are 16";
        QTest::addRow("not a number") << modelJson(3, floats({1, std::numeric_limits<float>::quiet_NaN(), 0, 4}))
                                      << "factors value 1 (item spotify:track:0000000000000000000001, dimension 1) "
                                         "is not a finite number";
        QTest::addRow("infinite") << modelJson(3, floats({1, 0, 0, std::numeric_limits<float>::infinity()}))
                                  << "is not a finite number";
        QJsonObject notBase64 = modelJson(3, good);
        notBase64.insert(QStringLiteral("factors"), QStringLiteral("@@@@"));
        QTest::addRow("not base64") << notBase64 << "factors is not base64";
        QJsonObject otherEncoding = modelJson(3, good);
        otherEncoding.insert(QStringLiteral("encoding"), QStringLiteral("float16"));
        QTest::addRow("another encoding") << otherEncoding << "encoding is \"float16\"";
        QJsonObject twice = modelJson(3, good);
        twice.insert(QStringLiteral("item_ids"), QJsonArray{trackUri(1), trackUri(1)});
        QTest::addRow("an item twice") << twice << "item_ids[1] (spotify:track:0000000000000000000001) appears twice";
        QJsonObject notTrack = modelJson(3, good);
        notTrack.insert(QStringLiteral("item_ids"), QJsonArray{trackUri(1), QStringLiteral("spotify:artist:x")});
        QTest::addRow("not a track") << notTrack << "item_ids[1] is not a Spotify track URI";
        QJsonObject noDimensions = modelJson(3, good);
        noDimensions.insert(QStringLiteral("dimensions"), 0);
        QTest::addRow("no dimensions") << noDimensions << "dimensions is 0, not from 1 to 1024";
        QJsonObject badParams = modelJson(3, good);
        badParams.insert(QStringLiteral("params"), QJsonObject{{QStringLiteral("alpha"), 2.0}});
        QTest::addRow("no regularization") << badParams << "params.regularization must be a positive number";
        QJsonObject stranger = modelJson(3, good);
        stranger.insert(QStringLiteral("household_tracks"),
                        QJsonArray{QJsonObject{{QStringLiteral("uri"), trackUri(7)},
                                               {QStringLiteral("name"), QStringLiteral("Elsewhere")}}});
        QTest::addRow("a household track outside the model")
            << stranger << "household_tracks[0] is not a named track of the model";
        const auto withArtists = [&good](const QJsonArray &artists) {
            QJsonObject json = modelJson(3, good);
            QJsonArray tracks = json.value(QStringLiteral("household_tracks")).toArray();
            QJsonObject track = tracks.at(0).toObject();
            track.insert(QStringLiteral("artists"), artists);
            tracks.replace(0, track);
            json.insert(QStringLiteral("household_tracks"), tracks);
            return json;
        };
        QTest::addRow("an artist without a name")
            << withArtists({QJsonObject{{QStringLiteral("uri"), artistUri(QStringLiteral("x"))}}})
            << "household_tracks[0].artists[0] has no name";
        QTest::addRow("an artist URI that is not one")
            << withArtists(
                   {QJsonObject{{QStringLiteral("name"), QStringLiteral("X")}, {QStringLiteral("uri"), trackUri(1)}}})
            << "household_tracks[0].artists[0].uri is not a Spotify artist URI";
        QJsonObject noVersion = modelJson(3, good);
        noVersion.remove(QStringLiteral("version"));
        QTest::addRow("no version") << noVersion << "version is missing";
    }

    void parseRefusesWhatCannotBeUsed()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, message);
        const auto parsed = parseHubModel(json);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, Error::Code::InvalidInput);
        QVERIFY2(parsed.error().message.startsWith(QStringLiteral("The hub's model is unusable: ")),
                 qPrintable(parsed.error().message));
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    }

    void parseReadsAGoodModel()
    {
        const auto parsed = parseHubModel(modelJson(3, floats({1, 0, 0, 4})));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed.value().version, 3);
        QCOMPARE(parsed.value().itemIds, (QStringList{trackUri(1), trackUri(2)}));
        QCOMPARE(parsed.value().itemFactors()(1, 1), 4.0f);
        QCOMPARE(parsed.value().householdTracks.size(), 1);
        QCOMPARE(parsed.value().householdTracks.first().members, QStringList{QStringLiteral("Bo")});
        QCOMPARE(parsed.value().foldInOptions().value().alpha, 2.0f);
        // A hub from before artists were served: none, and none needed.
        QVERIFY(parsed.value().householdTracks.first().artists.isEmpty());
    }

    void downloadsOnlyANewVersion()
    {
        TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
        hubclienttest::LoopbackHub loopback;
        VERIFY_LOOPBACK_HUB(loopback);
        const qint64 household = loopback.hub.createHousehold(QStringLiteral("Home"));
        Client ana;
        const std::optional<HubPairOutcome> paired =
            ana.pair(loopback.url(), loopback.hub.invite(household), QStringLiteral("Ana"));
        QVERIFY(paired.has_value());
        QVERIFY2(paired->status == HubPairOutcome::Status::Paired, qPrintable(paired->message));
        QCOMPARE(ana.download()->outcome, HubModelReport::Outcome::NoModel);
        QVERIFY(!ana.kept());

        // Bo plays tracks 1–3, opted in; the hub trains.
        const QByteArray bo = loopback.hub.member(household, QStringLiteral("Bo"));
        QJsonArray items;
        for (int n = 0; n < 6; ++n) {
            items.append(QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                     {QStringLiteral("kind"), QStringLiteral("play")},
                                     {QStringLiteral("payload"), playPayload(1 + n % 3, n)}});
        }
        QCOMPARE(loopback.hub.sync(bo, items).status, 200);
        QCOMPARE(loopback.hub.call("PUT", "/api/v1/me/training", bo, "{\"opt_in\":true}").status, 200);
        const hub::ConnectionString database(loopback.hub.database.url());
        const hub::TrainReport first = hub::trainModel(database, 3);
        QCOMPARE(first.outcome, hub::TrainOutcome::Trained);

        const auto downloaded = ana.download();
        QVERIFY2(downloaded->outcome == HubModelReport::Outcome::Downloaded, qPrintable(downloaded->message));
        QCOMPARE(downloaded->version, first.version);
        std::optional<HubModel> kept = ana.kept();
        QVERIFY(kept);
        QCOMPARE(kept->version, first.version);
        QCOMPARE(kept->hubUrl, QUrl(loopback.url()));
        QCOMPARE(kept->itemIds.size(), 3);
        QCOMPARE(kept->factors.size(), 3 * kept->dimensions * 4);
        // The names of the household's tracks and who played them come with the model.
        QCOMPARE(kept->householdTracks.size(), 3);
        QCOMPARE(kept->householdTracks.first().members, QStringList{QStringLiteral("Bo")});
        QVERIFY(kept->householdTracks.first().name.startsWith(QStringLiteral("Track ")));
        // Their artists too, as Bo's plays synced them (a name without a URI), kept in the cache.
        QCOMPARE(kept->householdTracks.first().artists.size(), 1);
        QVERIFY(kept->householdTracks.first().artists.first().name.startsWith(QStringLiteral("Artist ")));
        QVERIFY(kept->householdTracks.first().artists.first().uri.isEmpty());

        // Asked again, the hub answers 304 and the cache keeps the same row.
        const auto again = ana.download();
        QCOMPARE(again->outcome, HubModelReport::Outcome::Unchanged);
        QCOMPARE(again->version, first.version);
        QCOMPARE(ana.kept(), kept);

        // A new training: the next download replaces the model.
        items = QJsonArray{QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                       {QStringLiteral("kind"), QStringLiteral("play")},
                                       {QStringLiteral("payload"), playPayload(4, 10)}}};
        QCOMPARE(loopback.hub.sync(bo, items).status, 200);
        const hub::TrainReport second = hub::trainModel(database, 3);
        QCOMPARE(second.outcome, hub::TrainOutcome::Trained);
        QVERIFY(second.version > first.version);
        const auto replaced = ana.download();
        QCOMPARE(replaced->outcome, HubModelReport::Outcome::Downloaded);
        QCOMPARE(replaced->version, second.version);
        kept = ana.kept();
        QCOMPARE(kept->version, second.version);
        QCOMPARE(kept->itemIds.size(), 4);
        QCOMPARE(ana.store->database().scalar("SELECT count(*) FROM hub_model").value().toInt(), 1);
    }

    void householdPicksFollowTheHousehold()
    {
        TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
        hubclienttest::LoopbackHub loopback;
        VERIFY_LOOPBACK_HUB(loopback);
        const qint64 household = loopback.hub.createHousehold(QStringLiteral("Home"));
        Client ana;
        const std::optional<HubPairOutcome> paired =
            ana.pair(loopback.url(), loopback.hub.invite(household), QStringLiteral("Ana"));
        QVERIFY(paired.has_value());
        QVERIFY2(paired->status == HubPairOutcome::Status::Paired, qPrintable(paired->message));

        // Bo plays track 1 (which Ana's cache knows and plays too), three tracks of Xia, one of Yan and one of Zoë,
        // whose player synced no URI for her. Ana's cache knows none of tracks 2–6.
        const QByteArray bo = loopback.hub.member(household, QStringLiteral("Bo"));
        const QString xia = artistUri(QStringLiteral("xia"));
        const QString yan = artistUri(QStringLiteral("yan"));
        const QList<std::tuple<int, QString, QString>> bosTracks{
            {1, QStringLiteral("Kim"), artistUri(QStringLiteral("kim"))},
            {2, QStringLiteral("Xia"), xia},
            {3, QStringLiteral("Xia"), xia},
            {4, QStringLiteral("Xia"), xia},
            {5, QStringLiteral("Yan"), yan},
            {6, QStringLiteral("Zoë"), QString()}};
        QJsonArray items;
        for (int round = 0; round < 3; ++round) {
            for (const auto &[track, artist, uri] : bosTracks) {
                items.append(playOf(track, artist, uri, round * 10 + track));
            }
        }
        QCOMPARE(loopback.hub.sync(bo, items).status, 200);
        QCOMPARE(loopback.hub.call("PUT", "/api/v1/me/training", bo, "{\"opt_in\":true}").status, 200);
        const hub::TrainReport trained = hub::trainModel(hub::ConnectionString(loopback.hub.database.url()), 3);
        QCOMPARE(trained.outcome, hub::TrainOutcome::Trained);
        SqliteDatabase &cache = ana.store->database();
        QVERIFY(cache.exec("INSERT INTO tracks (id, spotify_id, name, name_key, updated_at_ms) "
                           "VALUES (1, ?1, 'Track 1', 'track 1', 0)",
                           {trackUri(1).mid(14)}));
        for (int n = 0; n < 4; ++n) {
            QVERIFY(cache.exec("INSERT INTO plays (track_id, played_at_ms, ms_played, source) "
                               "VALUES (1, ?1, 200000, 'imported')",
                               {qint64(1700000000000) + n * 600000}));
        }
        QCOMPARE(ana.download()->outcome, HubModelReport::Outcome::Downloaded);
        QVERIFY(!ana.kept()->etag.isEmpty());

        const auto byTrack = [](const HouseholdPicks &picks) {
            QHash<QString, HouseholdPick> found;
            for (const HouseholdPick &pick : picks.items) {
                found.insert(pick.trackUri, pick);
            }
            return found;
        };
        const auto xiaCount = [&xia](const HouseholdPicks &picks) {
            return std::count_if(picks.items.cbegin(), picks.items.cend(), [&xia](const HouseholdPick &pick) {
                return pick.artistUri == xia;
            });
        };
        // Without a cap all three of Xia's tracks are picks; the cap holds for tracks the cache does not know.
        const auto uncapped = ana.picks(0);
        QVERIFY2(uncapped, qPrintable(uncapped ? QString() : uncapped.error().message));
        QCOMPARE(uncapped.value().items.size(), 5);
        QCOMPARE(xiaCount(uncapped.value()), 3);
        const auto capped = ana.picks(2);
        QVERIFY(capped);
        QCOMPARE(capped.value().items.size(), 4);
        QCOMPARE(xiaCount(capped.value()), 2);
        QHash<QString, HouseholdPick> picked = byTrack(capped.value());
        QCOMPARE(picked.value(trackUri(5)).artistName, QStringLiteral("Yan"));
        QCOMPARE(picked.value(trackUri(5)).artistUri, yan);
        QCOMPARE(picked.value(trackUri(6)).artistName, QStringLiteral("Zoë"));
        QVERIFY(picked.value(trackUri(6)).artistUri.isEmpty());
        QCOMPARE(picked.value(trackUri(6)).playedBy, QStringList{QStringLiteral("Bo")});

        // Ana hides Yan: his track leaves the household picks.
        auto feedback = FeedbackRepository::create(cache);
        QVERIFY(feedback);
        QVERIFY(feedback.value().record(FeedbackKind::HideArtist, yan, QDateTime::currentMSecsSinceEpoch()));
        const auto hidden = ana.picks(2);
        QVERIFY(hidden);
        QCOMPARE(hidden.value().items.size(), 3);
        QVERIFY(!byTrack(hidden.value()).contains(trackUri(5)));
        QCOMPARE(xiaCount(hidden.value()), 2);

        // Cy joins and plays track 6: Ana's next check gets it without a new training and without the factors
        // (GET /api/v1/model answers 304 to the version, GET /api/v1/model/household sends the tracks), then 304
        // again.
        const QByteArray cy = loopback.hub.member(household, QStringLiteral("Cy"));
        QCOMPARE(loopback.hub.sync(cy, QJsonArray{playOf(6, QStringLiteral("Zoë"), QString(), 99)}).status, 200);
        const HubModel before = *ana.kept();
        const qint64 modelsSent = hubclienttest::answeredWith(loopback, "GET /api/v1/model", 200);
        const auto fresher = ana.download();
        QVERIFY2(fresher->outcome == HubModelReport::Outcome::Downloaded, qPrintable(fresher->message));
        QCOMPARE(fresher->version, trained.version);
        QCOMPARE(hubclienttest::answeredWith(loopback, "GET /api/v1/model", 200), modelsSent);
        QCOMPARE(hubclienttest::answeredWith(loopback, "GET /api/v1/model/household", 200), 1);
        const HubModel after = *ana.kept();
        QCOMPARE(after.version, trained.version);
        QCOMPARE(after.factors, before.factors);
        QCOMPARE(after.downloadedAtMs, before.downloadedAtMs);
        QVERIFY(after.etag != before.etag);
        const auto withCy = ana.picks(2);
        QVERIFY(withCy);
        QCOMPARE(byTrack(withCy.value()).value(trackUri(6)).playedBy,
                 (QStringList{QStringLiteral("Bo"), QStringLiteral("Cy")}));
        QCOMPARE(ana.download()->outcome, HubModelReport::Outcome::Unchanged);
    }

    void aBadAnswerKeepsTheModel_data()
    {
        QTest::addColumn<QList<QByteArray>>("answers");
        QTest::addColumn<QString>("message");
        const QByteArray notJson("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 "Connection: close\r\nContent-Length: 5\r\n\r\n{\"ver");
        QTest::addRow("factors too short")
            << QList{okAnswer(modelJson(9, floats({1, 0, 0})))} << "factors holds 12 bytes";
        QTest::addRow("not finite") << QList{okAnswer(modelJson(9, floats({1, 0, 0, std::nanf("")})))}
                                    << "is not a finite number";
        QTest::addRow("not JSON") << QList{notJson} << "is not a JSON object";
        // The version is current; the household's part is what is wrong.
        QTest::addRow("household track outside the model")
            << QList{notModified(),
                     okAnswer(
                         QJsonObject{{QStringLiteral("version"), 3},
                                     {QStringLiteral("household_tracks"),
                                      QJsonArray{QJsonObject{{QStringLiteral("uri"), trackUri(7)},
                                                             {QStringLiteral("name"), QStringLiteral("Seven")}}}}})}
            << "household_tracks[0] is not a named track of the model";
        QTest::addRow("household answer not JSON") << QList{notModified(), notJson} << "is not a JSON object";
    }

    void aBadAnswerKeepsTheModel()
    {
        QFETCH(QList<QByteArray>, answers);
        QFETCH(QString, message);
        CannedHttp fake(answers);
        Client ana;
        QVERIFY(keepVersion3(ana, fake.url()));
        const std::optional<HubModel> model = ana.kept();

        const auto report = ana.download();
        QVERIFY(report);
        QCOMPARE(report->outcome, HubModelReport::Outcome::Failed);
        QVERIFY2(report->message.contains(message), qPrintable(report->message));
        QCOMPARE(report->version, 3);
        QCOMPARE(ana.kept(), model);
        // The factors' version first, then (after a 304) the household's part with the whole ETag.
        QCOMPARE(fake.heads.size(), answers.size());
        QVERIFY2(fake.heads.first().startsWith("GET /api/v1/model HTTP/1.1\r\n"), fake.heads.first().constData());
        QVERIFY2(fake.heads.first().contains("If-None-Match: \"model-3\"\r\n"), fake.heads.first().constData());
        if (answers.size() == 2) {
            QVERIFY2(fake.heads.last().startsWith("GET /api/v1/model/household HTTP/1.1\r\n"),
                     fake.heads.last().constData());
            QVERIFY2(fake.heads.last().contains("If-None-Match: \"model-3-h0123456789abcdef\""),
                     fake.heads.last().constData());
        }
    }

    // Trained again between the two questions: the household's part is of version 4, not of the factors kept, so
    // the whole new model is asked for.
    void aNewVersionBetweenTheQuestionsIsDownloaded()
    {
        const QByteArray household4 =
            okAnswer(QJsonObject{{QStringLiteral("version"), 4}, {QStringLiteral("household_tracks"), QJsonArray{}}});
        CannedHttp fake({notModified(), household4, okAnswer(modelJson(4, floats({1, 0, 0, 2})))});
        Client ana;
        QVERIFY(keepVersion3(ana, fake.url()));

        const auto report = ana.download();
        QVERIFY(report);
        QVERIFY2(report->outcome == HubModelReport::Outcome::Downloaded, qPrintable(report->message));
        QCOMPARE(report->version, 4);
        QCOMPARE(ana.kept()->version, 4);
        QCOMPARE(fake.heads.size(), 3);
        QVERIFY2(fake.heads.at(2).startsWith("GET /api/v1/model HTTP/1.1\r\n"), fake.heads.at(2).constData());
        QVERIFY2(!fake.heads.at(2).contains("If-None-Match"), fake.heads.at(2).constData());
    }

    // A hub from before GET /api/v1/model/household answers it 404 not_found: the client asks for the whole model
    // with the ETag kept, as it did before, and keeps its model on a 304.
    void anOlderHubIsAskedForTheWholeModel()
    {
        const QByteArray notFound = problemAnswer(404, "not_found", "No route for GET /api/v1/model/household.");
        CannedHttp fake({notModified(), notFound, notModified()});
        Client ana;
        QVERIFY(keepVersion3(ana, fake.url()));
        const std::optional<HubModel> model = ana.kept();

        const auto report = ana.download();
        QVERIFY(report);
        QVERIFY2(report->outcome == HubModelReport::Outcome::Unchanged, qPrintable(report->message));
        QCOMPARE(ana.kept(), model);
        QCOMPARE(fake.heads.size(), 3);
        QVERIFY2(fake.heads.at(2).startsWith("GET /api/v1/model HTTP/1.1\r\n"), fake.heads.at(2).constData());
        QVERIFY2(fake.heads.at(2).contains("If-None-Match: \"model-3-h0123456789abcdef\""),
                 fake.heads.at(2).constData());
    }
};

QTEST_GUILESS_MAIN(TestHubModel)
#include "tst_hubmodel.moc"
