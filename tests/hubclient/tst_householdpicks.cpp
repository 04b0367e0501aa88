// Household picks end to end (issue 7): three clients, each with its own cache and its own fake Spotify user,
// sync their recently played tracks from Spotify, pair with one real hub (Postgres) and upload them; the hub
// trains; each client downloads the model (only when its version changed), folds in its own plays on the
// device and gets household picks with the tracks the others play and it does not; skips of an artist's tracks
// lower that artist's picks.

#include "engine/discover/feedbackrepository.h"
#include "engine/hubclient/householdpicks.h"
#include "engine/hubclient/hubclient.h"
#include "engine/hubclient/hubmodel.h"
#include "engine/ingest/connectivity.h"
#include "engine/ingest/storethread.h"
#include "engine/ingest/syncservice.h"
#include "engine/spotify/secretstore.h"
#include "engine/spotify/spotifyclient.h"
#include "hub/training.h"
#include "tests/hubclient/hubclienttestsupport.h"
#include "tests/support/spotify/fakespotify.h"
#include "tests/support/spotify/fakespotifytokenprovider.h"
#include "tests/support/testenv.h"

#include <QHash>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace engine;
using namespace std::chrono_literals;

namespace
{

// One household member's computer: a fake Spotify account, a cache synced from it, a hub client.
struct Member {
    explicit Member(const QString &memberName)
        : name(memberName)
    {
    }

    bool start(const QStringList &trackIds)
    {
        if (!spotify.start() || !dir.isValid()) {
            return false;
        }
        // The catalogue is Spotify's, the same for everyone; the account and its listening are this member's.
        const qint64 start = spotify.nowMs() - 6 * 60 * 60 * 1000;
        spotify.withLibrary([&](testsupport::FakeSpotifyLibrary &library) {
            library.me.displayName = name;
            library.plays.clear();
            qint64 at = start;
            for (int round = 0; round < 3; ++round) {
                for (const QString &id : trackIds) {
                    library.appendPlay(id, at += 4 * 60 * 1000);
                }
            }
        });
        tokens = std::make_unique<testsupport::FakeSpotifyTokenProvider>(spotify);
        client = std::make_unique<SpotifyClient>(spotify.apiUrl(), tokens.get(), SpotifyApiProfile::DevelopmentMode);
        std::optional<StoreStatus> status;
        store.open(dir.path(), &context, [&status](const StoreStatus &answer) {
            status = answer;
        });
        if (!QTest::qWaitFor(
                [&status] {
                    return status.has_value();
                },
                20000)
            || status->state != StoreStatus::State::Ready) {
            return false;
        }
        connectivity.watch(client.get());
        sync = std::make_unique<SyncService>(client.get(), &store, &connectivity);
        hub = std::make_unique<HubClient>(runner(), &secrets, &network);
        return true;
    }

    HubClient::StoreRunner runner()
    {
        return [this](std::function<void(Store &)> work, std::function<void()> then) {
            store.post(
                [work = std::move(work)](Store &opened) {
                    work(opened);
                    return Result<bool>(true);
                },
                &context,
                [then = std::move(then)](const Result<bool> &) {
                    then();
                });
        };
    }

    std::optional<HubModelReport> download()
    {
        std::optional<HubModelReport> report;
        downloadHubModel(*hub, runner(), [&report](const HubModelReport &r) {
            report = r;
        });
        const bool answered = QTest::qWaitFor(
            [&report] {
                return report.has_value();
            },
            20000);
        return answered ? report : std::nullopt;
    }

    Result<HouseholdPicks> picks(int perArtistCap = HouseholdPicksOptions{}.perArtistCap)
    {
        std::optional<Result<HouseholdPicks>> answer;
        const QString me = name;
        store.post(
            [me, perArtistCap](Store &opened) -> Result<HouseholdPicks> {
                auto models = HubModelRepository::create(opened.database());
                if (!models) {
                    return models.error();
                }
                const auto kept = models.value().load();
                if (!kept || !kept.value()) {
                    return Error{Error::Code::NotFound, QStringLiteral("no model kept")};
                }
                HouseholdPicksOptions options;
                options.nowMs = QDateTime::currentMSecsSinceEpoch();
                options.memberName = me;
                options.perArtistCap = perArtistCap;
                return householdPicks(opened.database(), *kept.value(), options);
            },
            &context,
            [&answer](Result<HouseholdPicks> result) {
                answer = std::move(result);
            });
        const bool answered = QTest::qWaitFor(
            [&answer] {
                return answer.has_value();
            },
            20000);
        return answered ? *answer
                        : Result<HouseholdPicks>(Error{Error::Code::Internal, QStringLiteral("no picks in 20 s")});
    }

    // Records `count` skips of `trackUri`, now.
    Result<void> recordSkips(const QString &trackUri, int count)
    {
        std::optional<Result<void>> answer;
        store.post(
            [trackUri, count](Store &opened) -> Result<void> {
                auto feedback = FeedbackRepository::create(opened.database());
                if (!feedback) {
                    return feedback.error();
                }
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                for (int k = 0; k < count; ++k) {
                    if (auto recorded = feedback.value().record(FeedbackKind::Skip, trackUri, now); !recorded) {
                        return recorded.error();
                    }
                }
                return {};
            },
            &context,
            [&answer](Result<void> result) {
                answer = std::move(result);
            });
        const bool answered = QTest::qWaitFor(
            [&answer] {
                return answer.has_value();
            },
            20000);
        return answered ? *answer : Result<void>(Error{Error::Code::Internal, QStringLiteral("no answer in 20 s")});
    }

    QString name;
    testsupport::FakeSpotify spotify;
    QTemporaryDir dir;
    QObject context;
    std::unique_ptr<testsupport::FakeSpotifyTokenProvider> tokens;
    std::unique_ptr<SpotifyClient> client;
    StoreThread store;
    Connectivity connectivity;
    std::unique_ptr<SyncService> sync;
    MemorySecretStore secrets;
    QNetworkAccessManager network;
    std::unique_ptr<HubClient> hub;
};

} // namespace

class TestHouseholdPicks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void threeClientsGetEachOthersTracks()
    {
        TUNESCOUT_REQUIRE_SERVICE(!testsupport::postgresUrl().isEmpty(), "PostgreSQL");
        hubclienttest::LoopbackHub loopback;
        VERIFY_LOOPBACK_HUB(loopback);
        const qint64 household = loopback.hub.createHousehold(QStringLiteral("Home"));

        // Overlapping taste: Ana and Bo share tracks 2–4, Bo and Cy share 6–7. Tracks 0–3 are by one artist, 4–5
        // by a second, 6–9 by four others.
        testsupport::FakeSpotify catalogue;
        QStringList tracks;
        catalogue.withLibrary([&tracks](testsupport::FakeSpotifyLibrary &library) {
            QStringList artists;
            QHash<QString, QStringList> byArtist;
            for (const testsupport::FakeSpotifyTrack &track : library.tracks) {
                const QString &artist = track.artistIds.first();
                if (!byArtist.contains(artist)) {
                    artists.append(artist);
                }
                byArtist[artist].append(track.id);
            }
            const QList<int> wanted{4, 2, 1, 1, 1, 1};
            qsizetype slot = 0;
            for (const QString &artist : artists) {
                if (slot < wanted.size() && byArtist.value(artist).size() >= wanted.at(slot)) {
                    tracks.append(byArtist.value(artist).mid(0, wanted.at(slot++)));
                }
            }
        });
        QCOMPARE(tracks.size(), 10);
        const QStringList anaPlays = tracks.mid(0, 5);
        const QStringList boPlays = tracks.mid(2, 6);
        const QStringList cyPlays = tracks.mid(6, 4);
        Member ana(QStringLiteral("Ana"));
        Member bo(QStringLiteral("Bo"));
        Member cy(QStringLiteral("Cy"));
        const QList<std::pair<Member *, QStringList>> members{{&ana, anaPlays}, {&bo, boPlays}, {&cy, cyPlays}};
        for (const auto &[member, plays] : members) {
            QVERIFY(member->start(plays));
            QSignalSpy synced(member->sync.get(), &SyncService::finished);
            member->sync->pollNow();
            QVERIFY(synced.wait(60000));
            QVERIFY(member->sync->lastSummary().has_value());
            QVERIFY(member->sync->lastSummary()->errors.isEmpty());

            std::optional<HubPairOutcome> paired;
            member->hub->pair(
                {loopback.url(), loopback.hub.invite(household), member->name, QStringLiteral("laptop"), false, {}},
                [&paired](const HubPairOutcome &o) {
                    paired = o;
                });
            QTRY_VERIFY_WITH_TIMEOUT(paired.has_value(), 20000);
            QVERIFY2(paired->status == HubPairOutcome::Status::Paired, qPrintable(paired->message));
            // Before any training the hub says so, and nothing is kept.
            const auto early = member->download();
            QVERIFY(early);
            QCOMPARE(early->outcome, HubModelReport::Outcome::NoModel);

            std::optional<HubUploadReport> uploaded;
            member->hub->uploadOutbox([&uploaded](const HubUploadReport &r) {
                uploaded = r;
            });
            QTRY_VERIFY_WITH_TIMEOUT(uploaded.has_value(), 20000);
            QVERIFY2(uploaded->outcome == HubUploadReport::Outcome::Uploaded, qPrintable(uploaded->message));
            QCOMPARE(uploaded->acknowledged, plays.size() * 3);

            // Joining the household's training is the member's choice (PUT /api/v1/me/training).
            std::optional<HubReadReply> joined;
            member->hub->put(QStringLiteral("/api/v1/me/training"),
                             QJsonObject{{QStringLiteral("opt_in"), true}},
                             [&joined](const HubReadReply &r) {
                                 joined = r;
                             });
            QTRY_VERIFY_WITH_TIMEOUT(joined.has_value(), 20000);
            QVERIFY2(joined->outcome == HubReadReply::Outcome::Ok, qPrintable(joined->message));
            QCOMPARE(joined->json.value(QStringLiteral("opt_in")), QJsonValue(true));
        }

        const hub::TrainReport trained = hub::trainModel(hub::ConnectionString(loopback.hub.database.url()), 3);
        QCOMPARE(trained.outcome, hub::TrainOutcome::Trained);
        QCOMPARE(trained.members, 3);
        QCOMPARE(trained.items, 10);

        for (const auto &[member, plays] : members) {
            const auto report = member->download();
            QVERIFY(report);
            QVERIFY2(report->outcome == HubModelReport::Outcome::Downloaded, qPrintable(report->message));
            QCOMPARE(report->version, trained.version);
            // The same version again: the hub answers 304.
            QCOMPARE(member->download()->outcome, HubModelReport::Outcome::Unchanged);

            // Without a per-artist cap, to see every track.
            const auto picks = member->picks(0);
            QVERIFY2(picks, qPrintable(picks ? QString() : picks.error().message));
            QCOMPARE(picks.value().playedInModel, plays.size());
            QSet<QString> listed;
            for (const HouseholdPick &pick : picks.value().items) {
                listed.insert(pick.trackUri);
                QVERIFY2(!plays.contains(pick.trackUri.mid(14)), qPrintable(pick.trackUri));
                QVERIFY(!pick.trackName.isEmpty());
                QVERIFY(!pick.playedBy.isEmpty());
                QVERIFY(!pick.playedBy.contains(member->name));
                // The artist: the cache's, or for the others' tracks the one the hub has from their plays.
                QVERIFY2(!pick.artistName.isEmpty() && !pick.artistUri.isEmpty(), qPrintable(pick.trackUri));
            }
            // Every track the others play and this member does not.
            for (const auto &[other, otherPlays] : members) {
                for (const QString &id : otherPlays) {
                    if (!plays.contains(id)) {
                        QVERIFY2(listed.contains(QStringLiteral("spotify:track:") + id),
                                 qPrintable(member->name + QStringLiteral(" misses ") + id));
                    }
                }
            }
            // With the default cap, no artist has more than two picks; what the cap left out is by an artist
            // who has two.
            const auto capped = member->picks();
            QVERIFY(capped);
            QHash<QString, int> perArtist;
            for (const HouseholdPick &pick : capped.value().items) {
                QVERIFY2(++perArtist[pick.artistUri] <= 2, qPrintable(pick.artistUri));
            }
            for (const HouseholdPick &pick : picks.value().items) {
                if (std::none_of(capped.value().items.cbegin(),
                                 capped.value().items.cend(),
                                 [&pick](const HouseholdPick &kept) {
                                     return kept.trackUri == pick.trackUri;
                                 })) {
                    QCOMPARE(perArtist.value(pick.artistUri), 2);
                }
            }
        }
        // Ana's picks: Bo's tracks first (they share three tracks), with who plays them.
        const auto anaPicks = ana.picks();
        QVERIFY(anaPicks);
        QVERIFY(anaPicks.value().items.first().playedBy.contains(QStringLiteral("Bo")));

        // Ana keeps skipping her own track 4: the pick by its artist (track 5, which Bo plays) goes to the end of
        // her list, below every other artist's, and stays on it.
        const QString five = QStringLiteral("spotify:track:") + tracks.at(5);
        const auto rankOf = [&five](const HouseholdPicks &picks) {
            return std::find_if(picks.items.cbegin(),
                                picks.items.cend(),
                                [&five](const HouseholdPick &pick) {
                                    return pick.trackUri == five;
                                })
                - picks.items.cbegin();
        };
        const auto before = ana.picks(0);
        QVERIFY(before);
        QVERIFY(rankOf(before.value()) < before.value().items.size() - 1);
        const auto skipped = ana.recordSkips(QStringLiteral("spotify:track:") + tracks.at(4), 8);
        QVERIFY2(skipped, qPrintable(skipped ? QString() : skipped.error().message));
        const auto after = ana.picks(0);
        QVERIFY(after);
        QCOMPARE(after.value().items.size(), before.value().items.size());
        QCOMPARE(rankOf(after.value()), after.value().items.size() - 1);

        for (Member *member : {&ana, &bo, &cy}) {
            member->store.stop();
        }
    }
};

QTEST_GUILESS_MAIN(TestHouseholdPicks)
#include "tst_householdpicks.moc"
