#pragma once

#include "engine/concerts/concertevent.h"

#include <QString>
#include <QStringList>

namespace engine
{

// An artist of the user's, as matching needs it.
struct MatchableArtist {
    QString spotifyId; // empty for an artist known only by name
    QString name;
};

struct ArtistMatch {
    enum class How {
        None,
        SpotifyId, // the provider links the act to the artist's Spotify id
        Name, // the act's name is the artist's name, normalised
    };
    How how = How::None;
    bool headliner = false; // first on the bill; false for a support act
    QString billedAs; // the act as the provider names it

    explicit operator bool() const
    {
        return how != How::None;
    }
};

// A name as matching compares it: nameKey() (case, accents, compatibility forms), "&" and "+" read as "and",
// punctuation dropped, a leading "The" dropped ("The National" and "National" compare equal; "The The" keeps
// both). Never matches part of a name: "national anthem" is not "national".
QString normalisedArtistName(const QString &name);

// The acts a billing names: "A feat. B", "A featuring B", "A ft. B", "A with B", "A x B" and "A, B" list
// several acts. "&" and "and" do not split, because they belong to many names ("Mumford & Sons").
QStringList billedActs(const QString &billing);

// Whether `event` is a show of `artist`:
// 1. A performer linked to a Spotify id matches on that id alone: the same id is the artist, another id is a
//    different act of the same name.
// 2. Otherwise a performer (or an act its billing lists) whose normalised name equals the artist's.
// 3. Without performers, the acts the event's name lists ("Headliner: Tour name", "A with B").
// Guards: an event or act that calls itself a tribute, a "music of" or "celebrating …" night is never a show of the
// artist by name, only by id (so "Nirvana tribute" is not Nirvana).
ArtistMatch matchArtist(const MatchableArtist &artist, const ConcertEvent &event);

} // namespace engine
