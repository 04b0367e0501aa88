#include "engine/spotify/spotifyjson.h"

#include <QTest>

using namespace engine::spotifyjson;

namespace
{

// Bodies as Spotify sends them in Development Mode (deprecated fields absent), and the odd ones it may send.
const QByteArray devModeTrack =
    "{ \"album\": {\"album_type\": \"album\", \"total_tracks\": 12, \"external_urls\": {\"spotify\": "
    "\"https://open.spotify.com/album/a1\"}, \"href\": \"https://api.spotify.com/v1/albums/a1\", \"id\": \"a1\", "
    "\"name\": \"Night Drive\", \"images\": [{\"url\": \"https://i.example/640\", \"height\": 640, \"width\": 640}, "
    "{\"url\": \"https://i.example/64\", \"height\": 64, \"width\": 64}], \"release_date\": \"1981-12\", "
    "\"release_date_precision\": \"month\", \"type\": \"album\", \"uri\": \"spotify:album:a1\", \"artists\": [{\"id\": "
    "\"ar1\", \"name\": \"Sóley & the Lamps\", \"type\": \"artist\", \"uri\": \"spotify:artist:ar1\"}]}, \"artists\": "
    "[{\"id\": \"ar1\", \"name\": \"Sóley & the Lamps\"}, {\"id\": \"ar2\", \"name\": \"Guest\"}], \"disc_number\": 1, "
    "\"duration_ms\": 215000, \"explicit\": false, \"external_ids\": {\"isrc\": \"GBAYE8100001\"}, \"id\": \"t1\", "
    "\"is_playable\": true, \"name\": \"Road Song\", \"track_number\": 3, \"type\": \"track\", \"uri\": "
    "\"spotify:track:t1\", \"is_local\": false }";

const QByteArray bareTrack =
    "{\"id\": \"t2\", \"name\": \"Bare\", \"album\": null, \"artists\": null, \"duration_ms\": "
    "null, \"external_ids\": null, \"preview_url\": null}";

const QByteArray trackWithoutId = "{\"name\": \"x\"}";

const QByteArray episode = "{\"id\": \"e1\", \"name\": \"Pod\", \"type\": \"episode\"}";

const QByteArray pageWithoutItems = "{\"total\": 0}";

const QByteArray followedArtists =
    "{\"artists\": {\"items\": [{\"id\": \"ar9\", \"name\": \"Nine\", \"images\": [], \"type\": \"artist\"}], "
    "\"next\": null, \"cursors\": {\"after\": \"ar9\"}, \"limit\": 20, \"total\": 1}}";

const QByteArray followedArtistsUnwrapped = "{\"items\": []}";

const QByteArray playlistsOldAndNew =
    "{\"items\": [{\"id\": \"p1\", \"name\": \"Mine\", \"owner\": {\"id\": \"me\", \"display_name\": \"Me\"}, "
    "\"collaborative\": false, \"public\": null, \"snapshot_id\": \"s1\", \"items\": {\"href\": \"h\", \"total\": 7}}, "
    "{\"id\": \"p2\", \"name\": \"Old shape\", \"tracks\": {\"href\": \"h\", \"total\": 4}}], \"total\": 2, \"limit\": "
    "50, \"offset\": 0, \"next\": null}";

const QByteArray profileBody = "{\"account_id\": \"acc-1\", \"id\": \"user1\", \"display_name\": null, \"images\": [], "
                               "\"type\": \"user\", \"uri\": \"spotify:user:user1\"}";

const QByteArray profileWithoutId = "{\"display_name\": \"no id\"}";

const QByteArray fullTokenResponse = "{\"access_token\": \"AT\", \"token_type\": \"Bearer\", \"scope\": \"a b\", "
                                     "\"expires_in\": 3600, \"refresh_token\": \"RT\"}";

const QByteArray tokenResponseWithoutRefresh = "{\"access_token\": \"AT2\", \"expires_in\": 3600}";

const QByteArray tokenResponseWithoutAccess = "{\"token_type\": \"Bearer\"}";

const QByteArray expiredTokenError = "{\"error\":{\"status\":401,\"message\":\"The access token expired\"}}";

const QByteArray premiumRequiredError = "{\"error\":{\"status\":403,\"message\":\"Player command failed: Premium "
                                        "required\",\"reason\":\"PREMIUM_REQUIRED\"}}";

const QByteArray quotaExceededError =
    "{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\",\"reason\":\"QUOTA_EXCEEDED\"}}";

const QByteArray revokedRefreshTokenError =
    "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}";

} // namespace

class TestSpotifyJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsADevelopmentModeTrack()
    {
        const auto track = parseTrack(devModeTrack);
        QVERIFY(track.ok());
        const engine::Track &t = track.value();
        QCOMPARE(t.spotifyId, QStringLiteral("t1"));
        QCOMPARE(t.uri(), QStringLiteral("spotify:track:t1"));
        QCOMPARE(t.name, QStringLiteral("Road Song"));
        QCOMPARE(t.durationMs, 215000);
        QCOMPARE(t.trackNumber, 3);
        QCOMPARE(t.isrc, QStringLiteral("GBAYE8100001"));
        QVERIFY(t.previewUrl.isEmpty());
        QCOMPARE(t.artists.size(), 2);
        QCOMPARE(t.artists.at(0).name, QStringLiteral("Sóley & the Lamps"));
        QCOMPARE(t.album.spotifyId, QStringLiteral("a1"));
        QCOMPARE(t.album.releaseDate, QStringLiteral("1981-12"));
        QCOMPARE(t.album.imageUrl, QStringLiteral("https://i.example/640"));
        QCOMPARE(t.album.artists.size(), 1);
    }

    void toleratesNullsAndMissingFields()
    {
        const auto track = parseTrack(bareTrack);
        QVERIFY(track.ok());
        QCOMPARE(track.value().durationMs, 0);
        QVERIFY(track.value().album.name.isEmpty());
        QVERIFY(track.value().artists.isEmpty());
    }

    void rejectsWhatIsNotATrack_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("not-json") << QByteArray("<html>502 Bad Gateway</html>");
        QTest::addRow("array") << QByteArray("[1,2]");
        QTest::addRow("no-id") << QByteArray(trackWithoutId);
        QTest::addRow("episode") << QByteArray(episode);
        QTest::addRow("empty") << QByteArray();
    }

    void rejectsWhatIsNotATrack()
    {
        QFETCH(QByteArray, body);
        const auto track = parseTrack(body);
        QVERIFY(!track.ok());
        QCOMPARE(track.error().code, engine::Error::Code::InvalidInput);
        QVERIFY(track.error().message.startsWith(QStringLiteral("Spotify sent an unexpected answer")));
    }

    void parsesAnOffsetPage()
    {
        const QByteArray body = "{\"href\": \"h\", \"limit\": 2, \"offset\": 0, \"total\": 3, \"previous\": null,"
                                "\"next\": \"https://api.spotify.com/v1/me/top/tracks?offset=2&limit=2\","
                                "\"items\": ["
            + devModeTrack + ", null]}";
        const auto page = parseTrackPage(body);
        QVERIFY(page.ok());
        QCOMPARE(page.value().items.size(), 1);
        QCOMPARE(page.value().skippedItems, 1);
        QCOMPARE(page.value().total, 3);
        QCOMPARE(page.value().limit, 2);
        QCOMPARE(page.value().next, QUrl(QStringLiteral("https://api.spotify.com/v1/me/top/tracks?offset=2&limit=2")));
        QVERIFY(!parseTrackPage(pageWithoutItems).ok());
    }

    void parsesRecentlyPlayed()
    {
        const QByteArray body = "{\"items\": [{\"track\": " + devModeTrack
            + ", \"played_at\": \"2026-11-20T08:15:30.123Z\", \"context\": {\"type\": \"playlist\","
              " \"uri\": \"spotify:playlist:p1\"}},"
              "{\"track\": "
            + devModeTrack
            + ", \"played_at\": \"yesterday\", \"context\": null}],"
              "\"next\": null, \"cursors\": {\"after\": \"1795680930123\", \"before\": 1795600000000}, \"limit\": 50}";
        const auto page = parseRecentlyPlayed(body);
        QVERIFY(page.ok());
        QCOMPARE(page.value().items.size(), 1);
        QCOMPARE(page.value().skippedItems, 1);
        const engine::Play &play = page.value().items.constFirst();
        QCOMPARE(play.playedAtMs, QDateTime(QDate(2026, 11, 20), QTime(8, 15, 30, 123), Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(play.contextUri, QStringLiteral("spotify:playlist:p1"));
        QCOMPARE(play.source, engine::Play::Source::Polled);
        QVERIFY(!play.msPlayed.has_value());
        QCOMPARE(page.value().after, QStringLiteral("1795680930123"));
        QCOMPARE(page.value().before, QStringLiteral("1795600000000"));
    }

    // Found by fuzz_api_response (tests/fuzz/crashes/fuzz_api_response/): converting such a number to qint64
    // was undefined behaviour; the conversion a CPU happens to do made a cursor of "-9223372036854775808".
    void numbersOutOfRangeCountAsAbsent()
    {
        const auto track = parseTrack("{\"id\": \"t1\", \"name\": \"n\", \"duration_ms\": 1e300}");
        QVERIFY(track.ok());
        QCOMPARE(track.value().durationMs, 0);
        QCOMPARE(parseTrack("{\"id\": \"t1\", \"name\": \"n\", \"duration_ms\": 9007199254740992}").value().durationMs,
                 Q_INT64_C(9007199254740992));

        const auto page = parseRecentlyPlayed("{\"items\": [], \"cursors\": {\"after\": 1e300, \"before\": -1e300}}");
        QVERIFY(page.ok());
        QCOMPARE(page.value().after, QString());
        QCOMPARE(page.value().before, QString());
    }

    void parsesFollowedArtistsInTheirWrapper()
    {
        const auto page = parseFollowedArtists(followedArtists);
        QVERIFY(page.ok());
        QCOMPARE(page.value().items.constFirst().spotifyId, QStringLiteral("ar9"));
        QVERIFY(page.value().items.constFirst().genres.isEmpty());
        QCOMPARE(page.value().after, QStringLiteral("ar9"));
        QVERIFY(!parseFollowedArtists(followedArtistsUnwrapped).ok());
    }

    void parsesPlaylistsOldAndNew()
    {
        const auto page = parsePlaylistPage(playlistsOldAndNew);
        QVERIFY(page.ok());
        QCOMPARE(page.value().items.size(), 2);
        QCOMPARE(page.value().items.at(0).itemCount, 7);
        QVERIFY(!page.value().items.at(0).isPublic.has_value());
        QCOMPARE(page.value().items.at(0).ownerName, QStringLiteral("Me"));
        QCOMPARE(page.value().items.at(1).itemCount, 4);
    }

    void parsesPlaylistItemsAndSkipsEpisodes()
    {
        const QByteArray body = "{\"items\": [{\"added_at\": \"2025-01-02T03:04:05Z\", \"added_by\": {\"id\": \"me\"},"
                                " \"is_local\": false, \"item\": "
            + devModeTrack
            + "}, {\"added_at\": \"2025-01-02T03:04:05Z\", \"item\": {\"id\": \"e1\", \"name\": \"Ep\", \"type\": "
              "\"episode\"}},"
              " {\"added_at\": \"2025-01-02T03:04:05Z\", \"track\": "
            + devModeTrack + "}], \"total\": 3, \"limit\": 100, \"offset\": 0, \"next\": null}";
        const auto page = parsePlaylistItemPage(body);
        QVERIFY(page.ok());
        QCOMPARE(page.value().items.size(), 2);
        QCOMPARE(page.value().skippedItems, 1);
        QCOMPARE(page.value().items.at(0).addedBy, QStringLiteral("me"));
        QCOMPARE(page.value().items.at(0).addedAtMs, 1735787045000);
    }

    void parsesTheProfile()
    {
        const auto profile = parseProfile(profileBody);
        QVERIFY(profile.ok());
        QCOMPARE(profile.value().accountId, QStringLiteral("acc-1"));
        QCOMPARE(profile.value().spotifyUserId, QStringLiteral("user1"));
        QVERIFY(profile.value().displayName.isEmpty());
        QVERIFY(profile.value().product.isEmpty()); // Development Mode leaves `product` out
        const auto extended = parseProfile("{\"id\": \"user1\", \"product\": \"free\", \"country\": \"DE\"}");
        QVERIFY(extended.ok());
        QCOMPARE(extended.value().product, QStringLiteral("free"));
        QVERIFY(!parseProfile(profileWithoutId).ok());
    }

    void parsesTokenResponses()
    {
        const auto full = parseTokenResponse(fullTokenResponse);
        QVERIFY(full.ok());
        QCOMPARE(full.value().accessToken, QByteArray("AT"));
        QCOMPARE(full.value().refreshToken, QByteArray("RT"));
        QCOMPARE(full.value().expiresInS, 3600);
        const auto withoutRefresh = parseTokenResponse(tokenResponseWithoutRefresh);
        QVERIFY(withoutRefresh.ok());
        QVERIFY(withoutRefresh.value().refreshToken.isEmpty());
        QVERIFY(!parseTokenResponse(tokenResponseWithoutAccess).ok());
    }

    void parsesErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("oauthError");
        QTest::addRow("expired") << 401 << QByteArray(expiredTokenError) << QStringLiteral("The access token expired")
                                 << QString() << QString();
        QTest::addRow("premium") << 403 << QByteArray(premiumRequiredError)
                                 << QStringLiteral("Player command failed: Premium required")
                                 << QStringLiteral("PREMIUM_REQUIRED") << QString();
        QTest::addRow("quota") << 429 << QByteArray(quotaExceededError) << QStringLiteral("API rate limit exceeded")
                               << QStringLiteral("QUOTA_EXCEEDED") << QString();
        QTest::addRow("invalid-grant") << 400 << QByteArray(revokedRefreshTokenError) << QString() << QString()
                                       << QStringLiteral("invalid_grant");
        QTest::addRow("html") << 502 << QByteArray("<html>bad gateway</html>") << QString() << QString() << QString();
    }

    void parsesErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QFETCH(QString, reason);
        QFETCH(QString, oauthError);
        const ApiError error = parseError(status, body);
        QCOMPARE(error.status, status);
        QCOMPARE(error.message, message);
        QCOMPARE(error.reason, reason);
        QCOMPARE(error.oauthError, oauthError);
    }

    void parsesTimestamps()
    {
        QCOMPARE(parseTimestampMs(QStringLiteral("1970-01-01T00:00:01Z")), std::optional<qint64>(1000));
        QCOMPARE(parseTimestampMs(QStringLiteral("1970-01-01T00:00:01.5Z")), std::optional<qint64>(1500));
        QVERIFY(!parseTimestampMs(QStringLiteral("1970-01-01T00:00:01")).has_value());
        QVERIFY(!parseTimestampMs(QStringLiteral("")).has_value());
        QVERIFY(!parseTimestampMs(QStringLiteral("not a time")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestSpotifyJson)
#include "tst_spotifyjson.moc"
