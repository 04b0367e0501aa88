#pragma once

#include <QStringList>

// tunescout-cli eval --interactions FILE [--tags FILE] [--holdout 0.2] [--seed 42] [--seeds N] [--factors 64]
//     [--iterations 15] [--k 10] [--threads N] [--alpha A] [--regularization L] [--weighting log1p|bm25]
//     [--solver cg|cholesky] [--cg-steps N] [--tune] [--json]
// Offline evaluation of the recommender on a listening dataset: reads no cache and needs no sign-in.

// True when the command line's verb is eval (after tunescout-cli's global options).
bool isEvalCommand(const QStringList &arguments);

int runEval(const QStringList &arguments);
