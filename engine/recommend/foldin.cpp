#include "engine/recommend/foldin.h"

#include "engine/recommend/rowsolve.h"
#include "engine/recommend/weighting.h"

#include <algorithm>

namespace engine::recommend
{

FoldIn::FoldIn(const RowMatrix &items, const AlsOptions &options)
    : m_items(items)
    , m_options(options)
    , m_gram(detail::gram(items, options.regularization, options.threads))
{
}

FoldIn::FoldIn(const RowMatrix &items, const AlsOptions &options, const Interactions &trainingCounts)
    : FoldIn(items, options)
{
    if (options.weighting != Weighting::Bm25 || trainingCounts.rows() == 0) {
        return;
    }
    std::vector<double> rowsWithItem(static_cast<std::size_t>(items.rows()), 0.0);
    double total = 0;
    for (int u = 0; u < trainingCounts.outerSize(); ++u) {
        for (Interactions::InnerIterator it(trainingCounts, u); it; ++it) {
            if (it.index() < items.rows()) {
                rowsWithItem[static_cast<std::size_t>(it.index())] += 1.0;
            }
            total += it.value();
        }
    }
    const double rows = static_cast<double>(trainingCounts.rows());
    m_averageLength = total / rows;
    m_idf.resize(rowsWithItem.size());
    std::transform(rowsWithItem.begin(), rowsWithItem.end(), m_idf.begin(), [rows](double n) {
        return static_cast<float>(detail::bm25Idf(rows, n));
    });
}

Eigen::VectorXf FoldIn::userVector(std::span<const std::pair<int, float>> counts) const
{
    // Repeated items add up, as they do when a matrix is built from (user, item, count) triplets.
    std::vector<std::pair<int, float>> merged;
    merged.reserve(counts.size());
    for (const auto &[item, count] : counts) {
        if (item >= 0 && item < m_items.rows() && std::isfinite(count) && count > 0) {
            merged.emplace_back(item, count);
        }
    }
    std::sort(merged.begin(), merged.end());
    std::vector<int> items;
    std::vector<float> confidences;
    items.reserve(merged.size());
    confidences.reserve(merged.size());
    double total = 0;
    for (const auto &[item, count] : merged) {
        if (!items.empty() && items.back() == item) {
            confidences.back() += count;
        } else {
            items.push_back(item);
            confidences.push_back(count);
        }
        total += count;
    }

    for (std::size_t e = 0; e < items.size(); ++e) {
        const double count = confidences[e];
        if (m_options.weighting == Weighting::Log1p) {
            confidences[e] = static_cast<float>(detail::log1pConfidence(count, m_options.alpha));
        } else {
            const bool known = !m_idf.empty();
            const double idf = known ? m_idf[static_cast<std::size_t>(items[e])] : 1.0;
            confidences[e] = static_cast<float>(detail::bm25Confidence(count,
                                                                       total,
                                                                       known ? m_averageLength : total,
                                                                       idf,
                                                                       m_options.bm25K1,
                                                                       m_options.bm25B,
                                                                       m_options.alpha));
        }
    }

    Eigen::VectorXf x(m_items.cols());
    detail::ExactRowSolver solver(static_cast<int>(m_items.cols()));
    solver.solve(m_gram, m_items, items.data(), confidences.data(), static_cast<int>(items.size()), x.data());
    return x;
}

} // namespace engine::recommend
