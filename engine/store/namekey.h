#pragma once

#include <QString>

namespace engine
{

// The key that rows known only by name (imported history, local files) are matched by: compatibility
// decomposition (full-width and ligature forms become plain letters), accents dropped from Latin, Greek and
// Cyrillic letters, case folded, whitespace collapsed. "Beyoncé", "BEYONCE" and "beyoncé " share a key.
//
// Marks on other scripts are kept: the Japanese voicing marks, for one, tell different words apart. A
// leading "The" is kept too: both of our sources (the Web API and the privacy export) spell a name exactly as
// Spotify does, so dropping it would gain no matches and would merge artists such as "The The" and "The".
QString nameKey(const QString &name);

} // namespace engine
