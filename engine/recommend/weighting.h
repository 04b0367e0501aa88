#pragma once

// The confidence weightings, shared by training (als.cpp) and fold-in so that both give a count the same weight.

#include <cmath>

namespace engine::recommend::detail
{

inline double log1pConfidence(double count, double alpha)
{
    return 1.0 + alpha * std::log1p(count);
}

// BM25 of the `implicit` library: rows are documents, items are terms. idf = log(rows) − log1p(rows holding the
// item); a row's length is the total of its counts, normalised by the average over all rows.
inline double bm25Idf(double rows, double rowsWithItem)
{
    return std::log(rows) - std::log1p(rowsWithItem);
}

inline double
bm25Confidence(double count, double rowTotal, double averageTotal, double idf, double k1, double b, double alpha)
{
    const double lengthNorm = (1.0 - b) + b * rowTotal / averageTotal;
    return 1.0 + alpha * (count * (k1 + 1.0) / (k1 * lengthNorm + count) * idf);
}

} // namespace engine::recommend::detail
