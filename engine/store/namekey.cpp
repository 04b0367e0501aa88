#include "engine/store/namekey.h"

namespace engine
{

namespace
{

bool accentsAreOptional(QChar::Script script)
{
    return script == QChar::Script_Latin || script == QChar::Script_Greek || script == QChar::Script_Cyrillic;
}

} // namespace

QString nameKey(const QString &name)
{
    const QString decomposed = name.normalized(QString::NormalizationForm_KD);
    QString kept;
    kept.reserve(decomposed.size());
    QChar::Script baseScript = QChar::Script_Unknown;
    for (qsizetype i = 0; i < decomposed.size(); ++i) {
        const char32_t codePoint = decomposed.at(i).isHighSurrogate() && i + 1 < decomposed.size()
            ? QChar::surrogateToUcs4(decomposed.at(i), decomposed.at(i + 1))
            : decomposed.at(i).unicode();
        const qsizetype width = QChar::requiresSurrogates(codePoint) ? 2 : 1;
        if (QChar::category(codePoint) == QChar::Mark_NonSpacing) {
            if (!accentsAreOptional(baseScript)) {
                kept.append(decomposed.mid(i, width));
            }
        } else {
            baseScript = QChar::script(codePoint);
            kept.append(decomposed.mid(i, width));
        }
        i += width - 1;
    }
    // Recomposing lets the kept marks join their letters again, so equal names in any script compare equal.
    return kept.toCaseFolded().simplified().normalized(QString::NormalizationForm_C);
}

} // namespace engine
