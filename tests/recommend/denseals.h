#pragma once

// Straightforward dense versions of the ALS steps, in double precision, written from the equations rather than
// from engine/recommend: what the tests check the trainer and fold-in against.

#include "engine/recommend/types.h"

#include <Eigen/Core>

#include <cstdint>

namespace densetest
{

// A users × items matrix of random counts 1…20 with about `density` of the pairs stored.
engine::recommend::Interactions randomCounts(int users, int items, double density, std::uint64_t seed);

// The full confidence matrix (1 where nothing is stored) and preference matrix (1 where something is).
Eigen::MatrixXd denseConfidence(const engine::recommend::Interactions &confidence);
Eigen::MatrixXd densePreference(const engine::recommend::Interactions &confidence);

// One half-step solving every row of `solved` for fixed `other`, with confidences c (rows of `solved` × rows of
// `other`) and preferences p: the exact minimiser, or `cgSteps` steps of textbook CG from the current rows.
Eigen::MatrixXd
exactStep(const Eigen::MatrixXd &c, const Eigen::MatrixXd &p, const Eigen::MatrixXd &other, double regularization);
Eigen::MatrixXd cgStep(const Eigen::MatrixXd &c,
                       const Eigen::MatrixXd &p,
                       const Eigen::MatrixXd &solved,
                       const Eigen::MatrixXd &other,
                       double regularization,
                       int cgSteps);

double relativeDifference(const Eigen::MatrixXd &a, const Eigen::MatrixXd &b);

} // namespace densetest
