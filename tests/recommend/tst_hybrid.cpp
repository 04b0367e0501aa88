// The hybrid ranker: weighted normalised signals, MMR diversity, the per-artist cap, exclusions, explanations,
// and feedback (a like) reaching the ranking through the signals.
#include "engine/recommend/content.h"
#include "engine/recommend/hybrid.h"

#include <QTest>

using namespace engine::recommend;

namespace
{

std::vector<int> itemsOf(const std::vector<Recommendation> &ranked)
{
    std::vector<int> items;
    for (const Recommendation &r : ranked) {
        items.push_back(r.item);
    }
    return items;
}

RankRequest alsOnly(const std::vector<float> &scores, int k)
{
    RankRequest request;
    request.signals[std::size_t(Signal::Als)].scores = scores;
    request.weights = {1.0f, 0.0f, 0.0f, 0.0f};
    request.k = k;
    return request;
}

} // namespace

class TestHybrid : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weightsCombineNormalisedSignals()
    {
        // ALS on a large scale, kNN on a small one: after normalisation the weights decide, not the scales.
        const std::vector<float> als{64.0f, 0.0f, 32.0f};
        const std::vector<float> knn{0.0f, 0.5f, 0.25f};
        RankRequest request;
        request.signals[std::size_t(Signal::Als)].scores = als;
        request.signals[std::size_t(Signal::Knn)].scores = knn;
        request.k = 3;
        request.weights = {1.0f, 1.0f, 0.0f, 0.0f};
        // Normalised: ALS (1, 0, 0.5), kNN (0, 1, 0.5): item 0 and 1 tie at 1 (lower id first), item 2 also 1.
        QCOMPARE(itemsOf(rankHybrid(request)), (std::vector<int>{0, 1, 2}));
        request.weights = {1.0f, 3.0f, 0.0f, 0.0f};
        const auto ranked = rankHybrid(request);
        QCOMPARE(itemsOf(ranked), (std::vector<int>{1, 2, 0}));
        QCOMPARE(ranked[0].score, 3.0f);
        QCOMPARE(ranked[0].signal, Signal::Knn);
        QCOMPARE(ranked[2].signal, Signal::Als);
    }

    void missingSignalsWeighNothing()
    {
        const std::vector<float> content{0.1f, 0.9f, 0.5f};
        RankRequest request;
        request.signals[std::size_t(Signal::Content)].scores = content;
        request.weights = {1.0f, 1.0f, 0.5f, 1.0f}; // ALS, kNN and co-listening have no scores for this user
        request.k = 2;
        const auto ranked = rankHybrid(request);
        QCOMPARE(itemsOf(ranked), (std::vector<int>{1, 2}));
        QCOMPARE(ranked[0].signal, Signal::Content);
        QCOMPARE(ranked[0].score, 0.5f);
    }

    void mmrPicksADiverseItemOverANearDuplicate()
    {
        // Item 1 is nearly item 0 (similarity 0.99) and scores just below it; item 2 is different and a bit lower.
        const std::vector<float> scores{1.0f, 0.95f, 0.8f, 0.0f};
        RankRequest request = alsOnly(scores, 2);
        request.diversitySimilarity = [](int a, int b) {
            return (a + b == 1) ? 0.99f : 0.0f;
        };
        QCOMPARE(itemsOf(rankHybrid(request)), (std::vector<int>{0, 1})); // λ = 1: relevance only
        request.mmrLambda = 0.5f;
        // Item 1: 0.5 · 0.95 − 0.5 · 0.99 < 0; item 2: 0.5 · 0.8 − 0 = 0.4.
        QCOMPARE(itemsOf(rankHybrid(request)), (std::vector<int>{0, 2}));
    }

    void perArtistCapHolds()
    {
        const std::vector<float> scores{0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.0f};
        const std::vector<int> artistOf{7, 7, 7, 8, 8, 9};
        RankRequest request = alsOnly(scores, 4);
        request.artistOf = artistOf;
        request.perArtistCap = 1;
        QCOMPARE(itemsOf(rankHybrid(request)), (std::vector<int>{0, 3, 5})); // only three artists
        request.perArtistCap = 2;
        QCOMPARE(itemsOf(rankHybrid(request)), (std::vector<int>{0, 1, 3, 4}));
    }

    void excludedItemsAndHiddenArtistsAreRemoved()
    {
        const std::vector<float> scores{0.9f, 0.8f, 0.7f, 0.6f, 0.5f};
        const std::vector<int> artistOf{7, 7, 8, 9, 9};
        const std::vector<int> justPlayed{2};
        const std::vector<int> hiddenArtists{7};
        RankRequest request = alsOnly(scores, 5);
        request.artistOf = artistOf;
        request.excludedItems = justPlayed;
        request.excludedArtists = hiddenArtists;
        QCOMPARE(itemsOf(rankHybrid(request)), (std::vector<int>{3, 4}));
    }

    void biasMovesItemsAfterNormalisation()
    {
        // ALS alone normalises to 1, 0.75, 0.5, 0.25, 0 over the five items.
        const std::vector<float> scores{0.9f, 0.8f, 0.7f, 0.6f, 0.5f};
        RankRequest request = alsOnly(scores, 5);
        const std::vector<float> bias{-0.6f, 0.0f, 0.0f, 0.0f, 0.3f};
        request.bias = bias;
        const std::vector<Recommendation> ranked = rankHybrid(request);
        QCOMPARE(itemsOf(ranked), (std::vector<int>{1, 2, 0, 4, 3}));
        QCOMPARE(ranked.at(2).bias, -0.6f);
        QVERIFY(qFuzzyCompare(ranked.at(2).contribution, 1.0f));
        QCOMPARE(ranked.at(3).bias, 0.3f);
        QCOMPARE(ranked.at(3).contribution, 0.0f); // raised by its bias alone
        QVERIFY(qFuzzyCompare(ranked.at(3).score, 0.3f));

        const std::vector<float> wrongSize{1.0f};
        request.bias = wrongSize; // not one per item: ignored
        QCOMPARE(itemsOf(rankHybrid(request)), (std::vector<int>{0, 1, 2, 3, 4}));
    }

    void aLikeRaisesSimilarItems()
    {
        // Two tag families: items 0, 1, 2 share "ambient"; items 3, 4, 5 share "punk". The user plays 0 and 3; 0 more.
        const std::vector<TagAssignment> tags{{0, 0, 3},
                                              {1, 0, 3},
                                              {2, 0, 1},
                                              {0, 2, 1},
                                              {1, 2, 1},
                                              {3, 1, 3},
                                              {4, 1, 3},
                                              {5, 1, 1},
                                              {3, 3, 1},
                                              {4, 3, 1}};
        const TagVectors vectors = tfidfVectors(tags, 6, 4);
        const std::vector<int> known{0, 3};
        const auto rank = [&](const std::vector<std::pair<int, float>> &userItems) {
            const std::vector<float> scores = contentScores(vectors, userItems);
            RankRequest request;
            request.signals[std::size_t(Signal::Content)].scores = scores;
            request.signals[std::size_t(Signal::Content)].support = [&](int seed, int item) {
                return contentSimilarity(vectors, seed, item);
            };
            request.weights = {0.0f, 0.0f, 1.0f, 0.0f};
            request.k = 1;
            request.excludedItems = known;
            request.userItems = userItems;
            return rankHybrid(request);
        };
        const auto before = rank({{0, 2.0f}, {3, 1.0f}});
        QCOMPARE(before.at(0).item, 1);
        QCOMPARE(before.at(0).seed, 0);
        // A like on item 3 adds to its weight: the punk neighbour now comes first, explained by the liked item.
        const auto after = rank({{0, 2.0f}, {3, 1.0f + 2.0f}});
        QCOMPARE(after.at(0).item, 4);
        QCOMPARE(after.at(0).signal, Signal::Content);
        QCOMPARE(after.at(0).seed, 3);
        QCOMPARE(explanationText(after.at(0), "The Clash"), std::string("Similar tags to The Clash"));
    }

    void explanationsNameTheStrongestSignalAndItsSeed()
    {
        // Two user items (10, 11); item 0 is supported by 11 under ALS, item 1 by 10 under kNN.
        const std::vector<float> als{1.0f, 0.1f, 0.0f};
        const std::vector<float> knn{0.0f, 1.0f, 0.1f};
        const std::vector<std::pair<int, float>> userItems{{10, 1.0f}, {11, 1.0f}};
        RankRequest request;
        request.signals[std::size_t(Signal::Als)].scores = als;
        request.signals[std::size_t(Signal::Als)].support = [](int seed, int item) {
            return seed == 11 && item == 0 ? 1.0f : 0.1f;
        };
        request.signals[std::size_t(Signal::Knn)].scores = knn;
        request.signals[std::size_t(Signal::Knn)].support = [](int seed, int item) {
            return seed == 10 && item == 1 ? 1.0f : 0.0f;
        };
        request.weights = {1.0f, 0.8f, 0.0f, 0.0f};
        request.userItems = userItems;
        request.k = 3;
        const auto ranked = rankHybrid(request);
        QCOMPARE(itemsOf(ranked), (std::vector<int>{0, 1, 2}));
        QCOMPARE(ranked[0].signal, Signal::Als);
        QCOMPARE(ranked[0].seed, 11);
        QCOMPARE(ranked[1].signal, Signal::Knn);
        QCOMPARE(ranked[1].seed, 10);
        QCOMPARE(ranked[2].seed, -1); // kNN strongest for item 2, but no user item supports it
        QCOMPARE(explanationText(ranked[0], "Björk"), std::string("Because you play Björk"));
        QCOMPARE(explanationText(ranked[1], "Portishead"), std::string("Listeners of Portishead also play this"));
        QCOMPARE(explanationText(ranked[2], ""), std::string("Listeners like you play this"));
        Recommendation session{5, 1.0f, Signal::CoListening, 4};
        QCOMPARE(explanationText(session, "Tricky"), std::string("Often played in a session with Tricky"));

        request.explain = false;
        QCOMPARE(rankHybrid(request)[0].seed, -1);
    }
};

QTEST_APPLESS_MAIN(TestHybrid)
#include "tst_hybrid.moc"
