// The signals the hybrid combines, on hand-computed cases: item kNN (cosine neighbours), TF-IDF content,
// co-listening sessions, and the top-k selection they share.
#include "engine/recommend/baselines.h"
#include "engine/recommend/colistening.h"
#include "engine/recommend/content.h"
#include "engine/recommend/similarity.h"

#include <QTest>

#include <cmath>

using namespace engine::recommend;

namespace
{

Interactions matrix(int rows, int cols, const std::vector<Eigen::Triplet<float, int>> &entries)
{
    Interactions m(rows, cols);
    m.setFromTriplets(entries.begin(), entries.end());
    return m;
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-5;
}

constexpr std::int64_t minute = 60 * 1000;

} // namespace

class TestRecommendSignals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void topScoresSkipsExcludedAndBreaksTiesByLowerId()
    {
        const std::vector<float> scores{0.5f, 0.9f, 0.5f, 0.1f, 0.9f};
        const auto top = topScores(scores, 3, std::vector<int>{1});
        QCOMPARE(top.size(), 3u);
        QCOMPARE(top[0].item, 4);
        QCOMPARE(top[1].item, 0);
        QCOMPARE(top[2].item, 2);
        QCOMPARE(topScores(scores, 10).size(), 5u);
        QVERIFY(topScores(scores, 0).empty());
    }

    void popularityCountsUsers()
    {
        const Interactions counts = matrix(3, 3, {{0, 0, 5.0f}, {1, 0, 1.0f}, {1, 2, 9.0f}});
        QCOMPARE(itemPopularity(counts), (std::vector<float>{2.0f, 0.0f, 1.0f}));
    }

    void binaryCosineNeighbours()
    {
        // Users {0, 1}, {0, 1, 2}, {2}: item columns (1,1,0), (1,1,0), (0,1,1); sim(0,1) = 1, sim(0,2) = sim(1,2) =
        // 1/2.
        const Interactions counts = matrix(3, 3, {{0, 0, 4}, {0, 1, 1}, {1, 0, 1}, {1, 1, 2}, {1, 2, 3}, {2, 2, 1}});
        const ItemSimilarity all = cosineNeighbours(counts, 5, true);
        QVERIFY(near(similarity(all, 0, 1), 1.0));
        QVERIFY(near(similarity(all, 0, 2), 0.5));
        QVERIFY(near(similarity(all, 2, 1), 0.5));
        QCOMPARE(similarity(all, 0, 0), 0.0f); // never its own neighbour
        // One neighbour each: item 2's two equal candidates resolve to the lower id.
        const ItemSimilarity one = cosineNeighbours(counts, 1, true, 2);
        QCOMPARE(one.nonZeros(), 3);
        QVERIFY(near(similarity(one, 0, 1), 1.0));
        QVERIFY(near(similarity(one, 2, 0), 0.5));
        QCOMPARE(similarity(one, 2, 1), 0.0f);
        // A user with item 2 (weight 2): score 2 · 0.5 on item 0, nothing else.
        const std::vector<std::pair<int, float>> user{{2, 2.0f}};
        const auto scores = neighbourScores(one, user);
        QCOMPARE(scores.size(), 3u);
        QVERIFY(near(scores[0], 1.0));
        QCOMPARE(scores[1], 0.0f);
        QCOMPARE(scores[2], 0.0f);
    }

    void weightedCosineNeighbours()
    {
        // Users {0:2, 1:1}, {0:1, 1:2, 2:3}: columns (2,1), (1,2), (0,3).
        const Interactions counts = matrix(2, 3, {{0, 0, 2}, {0, 1, 1}, {1, 0, 1}, {1, 1, 2}, {1, 2, 3}});
        const ItemSimilarity sim = cosineNeighbours(counts, 5, false);
        QVERIFY(near(similarity(sim, 0, 1), 4.0 / 5.0));
        QVERIFY(near(similarity(sim, 0, 2), 3.0 / (3.0 * std::sqrt(5.0))));
        QVERIFY(near(similarity(sim, 1, 2), 6.0 / (3.0 * std::sqrt(5.0))));
        QVERIFY(near(similarity(sim, 2, 1), similarity(sim, 1, 2)));
    }

    void tfidfVectorsAndCosine()
    {
        // Tags 0 and 1 each on two of three tagged items: idf = ln(3/2) for both. Item 1 has tag 1 three times.
        const std::vector<TagAssignment> tags{{0, 0, 1}, {1, 0, 1}, {1, 1, 2}, {1, 1, 1}, {2, 1, 1}, {9, 0, 1}};
        const TagVectors vectors = tfidfVectors(tags, 4, 2);
        QCOMPARE(vectors.rows(), 4);
        // Item 1: (ln 2, ln 4) · idf, unit length → (0.447214, 0.894427).
        QVERIFY(near(vectors.coeff(1, 0), 1.0 / std::sqrt(5.0)));
        QVERIFY(near(vectors.coeff(1, 1), 2.0 / std::sqrt(5.0)));
        QVERIFY(near(vectors.coeff(0, 0), 1.0));
        QVERIFY(near(contentSimilarity(vectors, 0, 1), 1.0 / std::sqrt(5.0)));
        QVERIFY(near(contentSimilarity(vectors, 1, 2), 2.0 / std::sqrt(5.0)));
        QCOMPARE(contentSimilarity(vectors, 0, 2), 0.0f);
        QCOMPARE(contentSimilarity(vectors, 0, 3), 0.0f); // item 3 has no tags (item 9 is outside the catalogue)

        const std::vector<std::pair<int, float>> user{{0, 3.0f}};
        const auto scores = contentScores(vectors, user);
        QVERIFY(near(scores[0], 1.0));
        QVERIFY(near(scores[1], 1.0 / std::sqrt(5.0)));
        QCOMPARE(scores[2], 0.0f);
        const std::vector<std::pair<int, float>> untagged{{3, 1.0f}};
        QCOMPARE(contentScores(vectors, untagged), (std::vector<float>(4, 0.0f)));
    }

    void tagOnEveryItemCarriesNoWeight()
    {
        // idf = ln(2/2) = 0: a tag every item has does not make them similar.
        const std::vector<TagAssignment> tags{{0, 0, 1}, {1, 0, 1}, {0, 1, 1}};
        const TagVectors vectors = tfidfVectors(tags, 2, 2);
        QCOMPARE(contentSimilarity(vectors, 0, 1), 0.0f);
        QVERIFY(near(vectors.coeff(0, 1), 1.0));
    }

    void sessionsSplitAtThirtyMinuteGaps()
    {
        // Out of order on purpose; gaps of 10 min, 29:59, 30:01 and exactly 30:00.
        const std::vector<TimedPlay> plays{{4, 100 * minute},
                                           {0, 0},
                                           {2, 39 * minute + 59 * 1000},
                                           {1, 10 * minute},
                                           {3, 70 * minute}};
        const auto sessions = splitSessions(plays);
        QCOMPARE(sessions.size(), 3u);
        QCOMPARE(sessions[0], (std::vector<int>{0, 1, 2}));
        QCOMPARE(sessions[1], (std::vector<int>{3}));
        QCOMPARE(sessions[2], (std::vector<int>{4}));
        QCOMPARE(splitSessions(plays, 200 * minute).size(), 1u);
        QVERIFY(splitSessions({}).empty());
    }

    void sessionsAndPlaylistsBecomeRows()
    {
        const std::vector<std::vector<int>> sequences{{0, 1, 0}, {2}, {}};
        const Interactions rows = sequenceRows(sequences, 3);
        QCOMPARE(rows.rows(), 3);
        QCOMPARE(rows.coeff(0, 0), 2.0f); // played twice in the session
        QCOMPARE(rows.coeff(0, 1), 1.0f);
        QCOMPARE(rows.coeff(1, 2), 1.0f);
        QCOMPARE(rows.nonZeros(), 3);

        const Interactions users = matrix(1, 3, {{0, 1, 7.0f}});
        const Interactions both = appendRows(users, rows);
        QCOMPARE(both.rows(), 4);
        QCOMPARE(both.cols(), 3);
        QCOMPARE(both.coeff(0, 1), 7.0f);
        QCOMPARE(both.coeff(1, 0), 2.0f);
        QCOMPARE(both.coeff(2, 2), 1.0f);
        QCOMPARE(both.nonZeros(), 4);
    }

    void coListeningSimilarityFromSessionMembership()
    {
        // Sessions {0, 1}, {0, 1, 2}, {2, 2}: membership columns as in the binary kNN case; a repeat counts once.
        const std::vector<std::vector<int>> sessions{{0, 1}, {1, 0, 2}, {2, 2}};
        const ItemSimilarity sim = coListeningSimilarity(sessions, 4, 10);
        QVERIFY(near(similarity(sim, 0, 1), 1.0));
        QVERIFY(near(similarity(sim, 0, 2), 0.5));
        QVERIFY(near(similarity(sim, 1, 2), 0.5));
        QCOMPARE(similarity(sim, 3, 0), 0.0f); // never played
    }
};

QTEST_APPLESS_MAIN(TestRecommendSignals)
#include "tst_recommendsignals.moc"
