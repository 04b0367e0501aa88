#include "engine/concerts/artistmatch.h"

#include "engine/store/namekey.h"

#include <QRegularExpression>

namespace engine
{

QString normalisedArtistName(const QString &name)
{
    QString key = nameKey(name);
    key.replace(QLatin1Char('&'), QStringLiteral(" and "));
    key.replace(QLatin1Char('+'), QStringLiteral(" and "));
    QString cleaned;
    cleaned.reserve(key.size());
    for (const QChar c : std::as_const(key)) {
        // Apostrophes join ("guns n' roses" = "guns n roses"); other punctuation separates words.
        if (c == QLatin1Char('\'') || c == QChar(0x2019)) {
            continue;
        }
        cleaned.append(c.isLetterOrNumber() ? c : QLatin1Char(' '));
    }
    QStringList words = cleaned.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // "The The" keeps both words, so that it stays apart from a band called "The".
    if (words.size() > 1 && words.constFirst() == QLatin1String("the") && words.at(1) != QLatin1String("the")) {
        words.removeFirst();
    }
    return words.join(QLatin1Char(' '));
}

QStringList billedActs(const QString &billing)
{
    static const QRegularExpression separators(
        QStringLiteral("\\s+(?:feat\\.?|featuring|ft\\.?|with|x|w/)\\s+|\\s*,\\s*|\\s*/\\s*"),
        QRegularExpression::CaseInsensitiveOption);
    QStringList acts;
    for (const QString &part : billing.split(separators, Qt::SkipEmptyParts)) {
        const QString act = part.trimmed();
        if (!act.isEmpty()) {
            acts.append(act);
        }
    }
    return acts;
}

namespace
{

bool isTributeBilling(const QString &text)
{
    static const QRegularExpression tribute(
        QStringLiteral("\\b(?:tribute|tributes|music of|songs of|salute to|celebrating|celebration of|"
                       "performed by|cover band|covers band)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    return tribute.match(nameKey(text)).hasMatch();
}

bool sameName(const QString &artistKey, const QString &billing)
{
    if (normalisedArtistName(billing) == artistKey) {
        return true;
    }
    const QStringList acts = billedActs(billing);
    if (acts.size() < 2) {
        return false;
    }
    for (const QString &act : acts) {
        if (normalisedArtistName(act) == artistKey) {
            return true;
        }
    }
    return false;
}

} // namespace

ArtistMatch matchArtist(const MatchableArtist &artist, const ConcertEvent &event)
{
    ArtistMatch match;
    if (!artist.spotifyId.isEmpty()) {
        for (qsizetype i = 0; i < event.performers.size(); ++i) {
            if (event.performers.at(i).spotifyId == artist.spotifyId) {
                return ArtistMatch{ArtistMatch::How::SpotifyId, i == 0, event.performers.at(i).name};
            }
        }
    }
    const QString key = normalisedArtistName(artist.name);
    // An artist whose own name has such a word ("Tribute", "Songs of Green Pheasant") is spared the guard.
    const bool guarded = !isTributeBilling(artist.name);
    if (key.isEmpty() || (guarded && isTributeBilling(event.name))) {
        return match;
    }
    for (qsizetype i = 0; i < event.performers.size(); ++i) {
        const ConcertPerformer &performer = event.performers.at(i);
        const bool otherAct =
            !artist.spotifyId.isEmpty() && !performer.spotifyId.isEmpty() && performer.spotifyId != artist.spotifyId;
        if (otherAct || (guarded && isTributeBilling(performer.name))) {
            continue;
        }
        if (sameName(key, performer.name)) {
            return ArtistMatch{ArtistMatch::How::Name, i == 0, performer.name};
        }
    }
    if (!event.performers.isEmpty()) {
        return match;
    }
    // No bill at all: the event's name is all there is. "Headliner: Tour" and "Headliner - Live" name the act
    // first; the rest is a tour name, so only the part before the separator counts.
    static const QRegularExpression tourSeparator(QStringLiteral("\\s*(?::|\\s-\\s|\\s\\x{2013}\\s|\\|)\\s*"));
    const QString billing = event.name.split(tourSeparator).value(0);
    const QStringList acts = billedActs(billing);
    for (qsizetype i = 0; i < acts.size(); ++i) {
        if (normalisedArtistName(acts.at(i)) == key) {
            return ArtistMatch{ArtistMatch::How::Name, i == 0, acts.at(i)};
        }
    }
    return match;
}

} // namespace engine
