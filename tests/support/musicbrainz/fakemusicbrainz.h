#pragma once

#include "tests/support/concerts/fakeconcertserver.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <mutex>

namespace testsupport
{

// A credited artist of a fake recording: MusicBrainz's artist with its tags, and the name on the credit.
struct FakeMusicBrainzArtist {
    QString mbid;
    QString name;
    QString creditedName; // empty: credited under its own name
    QList<QPair<QString, int>> tags; // name, count
};

struct FakeMusicBrainzRecording {
    QString mbid;
    QString title;
    QList<QPair<QString, int>> tags;
    QList<FakeMusicBrainzArtist> artists;
};

// MusicBrainz's web service (`GET /ws/2/isrc/<ISRC>`) over loopback HTTP, on the HTTP side the concert fakes
// share (FakeConcertServer: its request log, scripted faults and clock). It answers like musicbrainz.org:
// - 200 `{"isrc", "recordings": [{"id", "title", "length", "video", "disambiguation", "tags": [{"count",
//   "name"}], "artist-credit": [{"name", "joinphrase", "artist": {"id", "name", "sort-name",
//   "disambiguation", "tags"}}]}]}` with `tags` only when `inc` has `tags` and `artist-credit` only when it
//   has `artist-credits`;
// - 404 `{"error": "Not Found", "help": …}` for an ISRC no recording has, 400 for one that cannot be an ISRC
//   or without `fmt=json` (the real service would answer XML), 403 without a User-Agent;
// - 503 `{"error": "Your requests are exceeding the allowable rate limit…"}` with Retry-After for a request
//   that comes less than one second (less RateGraceMs) after the last one it served: one request a second.
class FakeMusicBrainz : public FakeConcertServer
{
public:
    // Loopback scheduling: a request sent exactly one second after the last can reach the handler a little
    // sooner than that after it, when the first one waited longer for a worker thread.
    static constexpr qint64 RateGraceMs = 50;

    FakeMusicBrainz();
    ~FakeMusicBrainz() override;

    QUrl apiUrl() const; // http://127.0.0.1:<port>/ws/2, what TUNESCOUT_MUSICBRAINZ_URL takes

    // A few recordings with tags of every kind (see fakemusicbrainz.cpp), by ISRC.
    void addStandardRecordings();
    void addRecording(const QString &isrc, const FakeMusicBrainzRecording &recording);
    // Serves `body` with 200 for this ISRC, whatever it is (a broken answer).
    void setRawAnswer(const QString &isrc, const QByteArray &body);

    // Retry-After of the 503s (rate limit and failNext(n, 503)), in seconds; 0 leaves the header out.
    void setRetryAfterSeconds(int seconds);
    // false: no 503 however fast the requests come.
    void setEnforceRateLimit(bool enforce);

protected:
    ConcertHttpReply handle(const ConcertHttpRequest &request, FakeConcertRequest &record) override;
    ConcertHttpReply
    scriptedFailure(int status, const ConcertHttpRequest &request, FakeConcertRequest &record) override;

private:
    ConcertHttpReply rateLimited() const;

    mutable std::mutex m_mutex;
    QHash<QString, QList<FakeMusicBrainzRecording>> m_recordings;
    QHash<QString, QByteArray> m_rawAnswers;
    int m_retryAfterSeconds = 1;
    bool m_enforceRateLimit = true;
    qint64 m_lastServedMs = -1;
};

} // namespace testsupport
