#include "engine/spotify/pkce.h"

#include <QCryptographicHash>
#include <QTest>

using engine::constantTimeEquals;
using engine::makePkcePair;
using engine::makeState;
using engine::pkceChallenge;

namespace
{

bool isUnreservedOnly(const QByteArray &value)
{
    for (const char c : value) {
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '.' || c == '_' || c == '~';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

// base64url without padding, derived from plain base64 rather than Qt's url-safe mode, so the check does not
// share the code it checks.
QByteArray independentChallenge(const QByteArray &verifier)
{
    QByteArray encoded = QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64();
    encoded.replace('+', '-').replace('/', '_');
    while (encoded.endsWith('=')) {
        encoded.chop(1);
    }
    return encoded;
}

} // namespace

class TestPkce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifierHasTheLengthAndAlphabetOfRfc7636()
    {
        const auto pair = makePkcePair();
        QVERIFY2(pair.verifier.size() >= 43 && pair.verifier.size() <= 128, pair.verifier.constData());
        QVERIFY(isUnreservedOnly(pair.verifier));
        // 32 bytes from the CSPRNG behind the encoding.
        QCOMPARE(QByteArray::fromBase64(pair.verifier, QByteArray::Base64UrlEncoding).size(), 32);
    }

    void challengeIsBase64UrlOfSha256OfTheVerifier()
    {
        const auto pair = makePkcePair();
        QCOMPARE(pair.challenge.size(), 43);
        QVERIFY(isUnreservedOnly(pair.challenge));
        QVERIFY(!pair.challenge.contains('='));
        QCOMPARE(pair.challenge, independentChallenge(pair.verifier));
        QCOMPARE(pkceChallenge(pair.verifier), pair.challenge);
    }

    void challengeMatchesTheRfc7636Example()
    {
        QCOMPARE(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    void everyAttemptIsFresh()
    {
        const auto first = makePkcePair();
        const auto second = makePkcePair();
        QVERIFY(first.verifier != second.verifier);
        QVERIFY(first.challenge != second.challenge);
        QVERIFY(makeState() != makeState());
    }

    void stateIs32RandomBytesInBase64Url()
    {
        const QByteArray state = makeState();
        QCOMPARE(state.size(), 43);
        QVERIFY(isUnreservedOnly(state));
        QCOMPARE(QByteArray::fromBase64(state, QByteArray::Base64UrlEncoding).size(), 32);
    }

    void constantTimeEqualsAgreesWithOrdinaryComparison_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        const QByteArray state = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
        QTest::addRow("equal") << state << state;
        QTest::addRow("first-byte-differs") << state << QByteArray("X" + state.sliced(1));
        QTest::addRow("last-byte-differs") << state << QByteArray(state.chopped(1) + "X");
        QTest::addRow("prefix") << state << state.chopped(1);
        QTest::addRow("longer") << state << QByteArray(state + "0");
        QTest::addRow("both-empty") << QByteArray() << QByteArray();
        QTest::addRow("one-empty") << state << QByteArray();
        QTest::addRow("embedded-nul") << QByteArray("ab\0c", 4) << QByteArray("ab\0d", 4);
        QTest::addRow("high-bytes") << QByteArray("\xff\x80") << QByteArray("\xff\x80");
    }

    void constantTimeEqualsAgreesWithOrdinaryComparison()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QCOMPARE(constantTimeEquals(a, b), a == b);
        QCOMPARE(constantTimeEquals(b, a), a == b);
    }
};

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"
