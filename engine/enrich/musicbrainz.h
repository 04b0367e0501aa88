#pragma once

#include "engine/model/result.h"

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace engine
{

// Where MusicBrainz's web service is and how TuneScout introduces itself to it. The base URL is configurable
// (TUNESCOUT_MUSICBRAINZ_URL) so that the same binaries run against the fake of the test suite.
struct MusicBrainzEndpoint {
    static constexpr auto DefaultUrl = "https://musicbrainz.org/ws/2";
    static constexpr auto UrlVariable = "TUNESCOUT_MUSICBRAINZ_URL";

    QUrl baseUrl;
    // MusicBrainz asks every client for "Application/Version ( contact )" and blocks anonymous ones.
    QByteArray userAgent;

    static MusicBrainzEndpoint defaults();
    // Reads TUNESCOUT_MUSICBRAINZ_URL; an unusable value is an error naming the variable.
    static Result<MusicBrainzEndpoint> fromEnvironment(const QProcessEnvironment &environment);
};

// "TuneScout/<version> ( <where to reach the project> )".
QByteArray musicBrainzUserAgent();

// An ISRC as MusicBrainz takes it: upper case, without the hyphens and spaces some sources print, and of the
// form CC-XXX-YY-NNNNN (two letters, three letters or digits, seven digits). Empty when it cannot be one.
QString normalisedIsrc(const QString &isrc);

// An open tag ("genre") with its net vote count (up-votes minus down-votes).
struct TagVote {
    QString name;
    int votes = 0;

    friend bool operator==(const TagVote &, const TagVote &) = default;
};

struct CreditedArtistTags {
    QString mbid;
    QString name; // the artist's own name
    QString creditedName; // the name on this recording's credit, when it differs
    QList<TagVote> tags;
};

// What one ISRC lookup said: the recording (the first MusicBrainz lists; tags summed over every recording
// with the ISRC) and the tags of each credited artist. An empty recordingMbid means no recording has it.
struct IsrcTags {
    QString recordingMbid;
    QList<TagVote> recordingTags;
    QList<CreditedArtistTags> artists;
};

// A tag name as TuneScout keeps it: lower case, trimmed, inner whitespace collapsed. Empty for a name that
// is blank or longer than 64 characters (a sentence, not a genre).
QString normalisedTagName(const QString &name);

// The noise rule: a tag is kept when its net votes are at least 1 and at least a tenth of the votes of the
// entity's most-voted tag, so that one stray vote does not stand beside a tag that thirty people agreed on.
// Names are normalised first and votes of names that become equal are added up. Most votes first, then by
// name.
QList<TagVote> filteredTags(const QList<TagVote> &tags);

// Parses the answer to GET /isrc/<ISRC>?inc=artist-credits+tags&fmt=json. InvalidInput, with a message
// naming what is wrong and where, when the body is not that.
Result<IsrcTags> parseIsrcLookup(const QByteArray &body);

} // namespace engine
