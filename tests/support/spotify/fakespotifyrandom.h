#pragma once

#include <QList>
#include <QString>

namespace testsupport
{

// splitmix64: the standard library's engines are portable but its distributions are not, and the fake's
// data must come out identical on every platform for a given seed.
class FakeSpotifyRandom
{
public:
    explicit FakeSpotifyRandom(quint64 seed)
        : m_state(seed)
    {
    }

    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, n); n > 0.
    int bounded(qsizetype n)
    {
        return int(next() % quint64(n));
    }

    // Uniform in [low, high].
    int range(int low, int high)
    {
        return low + bounded(qsizetype(high) - low + 1);
    }

    double unit()
    {
        return double(next() >> 11) * (1.0 / 9007199254740992.0);
    }

    bool chance(double probability)
    {
        return unit() < probability;
    }

    template<typename T>
    const T &pick(const QList<T> &values)
    {
        return values.at(bounded(values.size()));
    }

    QString base62(int length)
    {
        static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        QString out;
        out.reserve(length);
        for (int i = 0; i < length; ++i)
            out.append(QLatin1Char(alphabet[bounded(62)]));
        return out;
    }

    QString lowerAlphanumeric(int length)
    {
        static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
        QString out;
        out.reserve(length);
        for (int i = 0; i < length; ++i)
            out.append(QLatin1Char(alphabet[bounded(36)]));
        return out;
    }

private:
    quint64 m_state;
};

} // namespace testsupport
