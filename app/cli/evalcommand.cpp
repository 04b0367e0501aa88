#include "app/cli/evalcommand.h"

#include "app/cli/exitcodes.h"
#include "engine/recommend/evaluation.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cmath>
#include <thread>

#include <unistd.h>

using namespace engine::recommend;

namespace
{

int usage(const QString &message)
{
    QTextStream(stderr) << message << "\nRun 'tunescout-cli eval --help' for the options.\n";
    return Usage;
}

// A number option within [low, high], or an error naming the option.
template<typename T>
bool number(const QCommandLineParser &parser, const QString &name, T low, T high, T &value, QString &error)
{
    if (!parser.isSet(name)) {
        return true;
    }
    bool ok = false;
    const QString text = parser.value(name);
    T parsed;
    if constexpr (std::is_integral_v<T>) {
        parsed = T(text.toLongLong(&ok));
    } else {
        parsed = T(text.toDouble(&ok));
        ok = ok && std::isfinite(double(parsed));
    }
    if (!ok || parsed < low || parsed > high) {
        error = QStringLiteral("--%1 takes a number from %2 to %3, not '%4'.").arg(name).arg(low).arg(high).arg(text);
        return false;
    }
    value = parsed;
    return true;
}

QJsonObject figures(const ModelEvaluation &model)
{
    QJsonObject row;
    row[QStringLiteral("model")] = QString::fromStdString(model.name);
    const auto put = [&](const QString &name, Spread s) {
        row[name] = s.mean;
        row[name + QStringLiteral("_std")] = s.std;
    };
    put(QStringLiteral("precision"), spread(model.metrics, &RankingMetrics::precision));
    put(QStringLiteral("recall"), spread(model.metrics, &RankingMetrics::recall));
    put(QStringLiteral("ndcg"), spread(model.metrics, &RankingMetrics::ndcg));
    put(QStringLiteral("map"), spread(model.metrics, &RankingMetrics::map));
    put(QStringLiteral("coverage"), spread(model.coverage));
    if (!model.secondsPerIteration.empty()) {
        put(QStringLiteral("seconds_per_iteration"), spread(model.secondsPerIteration));
    }
    return row;
}

QJsonObject weightsJson(const HybridWeights &weights)
{
    return QJsonObject{{QStringLiteral("als"), weights.als},
                       {QStringLiteral("knn"), weights.knn},
                       {QStringLiteral("content"), weights.content},
                       {QStringLiteral("colistening"), weights.coListening}};
}

QString weightsText(const HybridWeights &w)
{
    return QStringLiteral("ALS %1, kNN %2, content %3, co-listening %4")
        .arg(w.als)
        .arg(w.knn)
        .arg(w.content)
        .arg(w.coListening);
}

QString cell(Spread s, bool withStd)
{
    return withStd ? QStringLiteral("%1 ± %2").arg(s.mean, 0, 'f', 4).arg(s.std, 0, 'f', 4)
                   : QStringLiteral("%1").arg(s.mean, 0, 'f', 4);
}

void printTable(QTextStream &out, const EvaluationReport &report, const EvaluationOptions &options)
{
    const int runs = int(report.models.front().metrics.size());
    out << QStringLiteral("%1 users, %2 items, %3 interactions; %4 %5 held out per user (seed %6%7), top %8.\n")
               .arg(report.users)
               .arg(report.items)
               .arg(report.interactions)
               .arg(options.holdout * 100)
               .arg(QStringLiteral("%"))
               .arg(options.seed)
               .arg(runs > 1 ? QStringLiteral(" … %1, mean ± std").arg(options.seed + std::uint64_t(runs - 1))
                             : QString())
               .arg(options.k);
    const bool withStd = runs > 1;
    const int width = withStd ? 17 : 8;
    const QString k = QString::number(options.k);
    out << QStringLiteral("%1").arg(QStringLiteral("model"), -14);
    for (const QString &name :
         {QStringLiteral("p@"), QStringLiteral("recall@"), QStringLiteral("nDCG@"), QStringLiteral("MAP@")}) {
        out << QStringLiteral("%1").arg(name + k, width) << "  ";
    }
    out << QStringLiteral("%1").arg(QStringLiteral("coverage"), width) << "  s/iteration\n";
    for (const ModelEvaluation &model : report.models) {
        out << QStringLiteral("%1").arg(QString::fromStdString(model.name), -14);
        for (auto figure :
             {&RankingMetrics::precision, &RankingMetrics::recall, &RankingMetrics::ndcg, &RankingMetrics::map}) {
            out << QStringLiteral("%1").arg(cell(spread(model.metrics, figure), withStd), width) << "  ";
        }
        out << QStringLiteral("%1").arg(cell(spread(model.coverage), withStd), width) << "  ";
        out << (model.secondsPerIteration.empty() ? QStringLiteral("-")
                                                  : QString::number(spread(model.secondsPerIteration).mean, 'f', 3))
            << '\n';
    }
    out << "hybrid weights: " << weightsText(report.hybridWeights) << '\n';
    if (!report.trials.empty()) {
        out << "tuned on a validation split of the training side (nDCG@" << k << " there):\n";
        for (const WeightTrial &trial : report.trials) {
            out << "  " << weightsText(trial.weights) << ": " << QString::number(trial.validationNdcg, 'f', 4) << '\n';
        }
    }
    out << QStringLiteral("%1 s in all\n").arg(report.seconds, 0, 'f', 1);
}

} // namespace

bool isEvalCommand(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--data-dir")) {
            ++i; // its value
        } else if (!argument.startsWith(QLatin1Char('-'))) {
            return argument == QLatin1String("eval");
        }
    }
    return false;
}

int runEval(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Evaluate the recommender offline: hold out a fraction of each user's items, train ALS, the "
                       "hybrid and two baselines (most popular, item kNN) on the rest, and score their top k."));
    parser.addHelpOption();
    const auto option = [&parser](const QString &name, const QString &description, const QString &value = {}) {
        parser.addOption(QCommandLineOption(name, description, value));
    };
    option(QStringLiteral("interactions"),
           QStringLiteral("HetRec's user_artists.dat, or a headerless user/item/count TSV."),
           QStringLiteral("file"));
    option(QStringLiteral("tags"),
           QStringLiteral("HetRec's user_taggedartists.dat (or user/item/tag TSV): the content signal."),
           QStringLiteral("file"));
    option(QStringLiteral("holdout"),
           QStringLiteral("Fraction of each user's items held out (0.2)."),
           QStringLiteral("f"));
    option(QStringLiteral("seed"), QStringLiteral("Seed of the split and of ALS (42)."), QStringLiteral("n"));
    option(QStringLiteral("seeds"),
           QStringLiteral("Runs with seeds seed … seed+N-1: mean ± std (1)."),
           QStringLiteral("n"));
    option(QStringLiteral("factors"), QStringLiteral("ALS factors (64)."), QStringLiteral("n"));
    option(QStringLiteral("iterations"), QStringLiteral("ALS iterations (15)."), QStringLiteral("n"));
    option(QStringLiteral("k"), QStringLiteral("Length of the ranked lists scored (10)."), QStringLiteral("n"));
    option(QStringLiteral("threads"), QStringLiteral("Threads (default: all cores)."), QStringLiteral("n"));
    option(QStringLiteral("alpha"), QStringLiteral("ALS confidence scale α (1)."), QStringLiteral("a"));
    option(QStringLiteral("regularization"), QStringLiteral("ALS regularisation λ (10)."), QStringLiteral("l"));
    option(QStringLiteral("weighting"),
           QStringLiteral("Confidence weighting: log1p (default) or bm25."),
           QStringLiteral("w"));
    option(QStringLiteral("solver"), QStringLiteral("ALS solver: cg (default) or cholesky."), QStringLiteral("s"));
    option(QStringLiteral("cg-steps"), QStringLiteral("Conjugate-gradient steps per row (3)."), QStringLiteral("n"));
    option(QStringLiteral("tune"),
           QStringLiteral("Search the hybrid's weights on a validation split of the training side first."));
    option(QStringLiteral("json"), QStringLiteral("Print machine-readable JSON."));
    option(QStringLiteral("data-dir"), QStringLiteral("Ignored: eval reads no cache."), QStringLiteral("dir"));

    if (!parser.parse(arguments)) {
        return usage(parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return Success;
    }
    if (parser.positionalArguments().size() != 1) {
        return usage(QStringLiteral("'eval' takes options only, no further arguments."));
    }
    if (!parser.isSet(QStringLiteral("interactions"))) {
        return usage(QStringLiteral("'eval' needs --interactions FILE (HetRec's user_artists.dat or a "
                                    "user/item/count TSV)."));
    }

    EvaluationOptions options;
    options.als.threads = int(std::max(1u, std::thread::hardware_concurrency()));
    QString error;
    const bool numbersOk = number(parser, QStringLiteral("holdout"), 0.01, 0.99, options.holdout, error)
        && number<std::uint64_t>(parser, QStringLiteral("seed"), 0, 1'000'000'000, options.seed, error)
        && number(parser, QStringLiteral("seeds"), 1, 100, options.seeds, error)
        && number(parser, QStringLiteral("factors"), 1, 1024, options.als.factors, error)
        && number(parser, QStringLiteral("iterations"), 1, 1000, options.als.iterations, error)
        && number(parser, QStringLiteral("k"), 1, 1000, options.k, error)
        && number(parser, QStringLiteral("threads"), 1, 256, options.als.threads, error)
        && number(parser, QStringLiteral("alpha"), 0.0f, 1e6f, options.als.alpha, error)
        && number(parser, QStringLiteral("regularization"), 0.0f, 1e6f, options.als.regularization, error)
        && number(parser, QStringLiteral("cg-steps"), 1, 100, options.als.cgSteps, error);
    if (!numbersOk) {
        return usage(error);
    }
    const QString weighting = parser.value(QStringLiteral("weighting"));
    if (weighting == QLatin1String("bm25")) {
        options.als.weighting = Weighting::Bm25;
    } else if (!weighting.isEmpty() && weighting != QLatin1String("log1p")) {
        return usage(QStringLiteral("--weighting takes log1p or bm25, not '%1'.").arg(weighting));
    }
    const QString solver = parser.value(QStringLiteral("solver"));
    if (solver == QLatin1String("cholesky")) {
        options.als.solver = Solver::Cholesky;
    } else if (!solver.isEmpty() && solver != QLatin1String("cg")) {
        return usage(QStringLiteral("--solver takes cg or cholesky, not '%1'.").arg(solver));
    }
    options.tune = parser.isSet(QStringLiteral("tune"));

    QTextStream err(stderr);
    auto dataset = readInteractions(parser.value(QStringLiteral("interactions")));
    if (!dataset) {
        err << dataset.error().message << '\n';
        return Usage; // a file named on the command line that is missing or broken
    }
    if (parser.isSet(QStringLiteral("tags"))) {
        const auto tags = readTags(parser.value(QStringLiteral("tags")), dataset.value());
        if (!tags) {
            err << tags.error().message << '\n';
            return Usage;
        }
    }
    if (const std::string invalid = validateAls(dataset.value().counts, options.als); !invalid.empty()) {
        return usage(QString::fromStdString(invalid));
    }

    // Status for a person watching: a pipe or a log file gets only the table.
    const bool terminal = isatty(STDERR_FILENO) == 1;
    const auto report = evaluate(dataset.value(), options, [&](const std::string &status) {
        if (terminal) {
            err << "\r" << QString::fromStdString(status) << "\x1b[K";
            err.flush();
        }
        return true;
    });
    if (terminal) {
        err << "\r\x1b[K";
        err.flush();
    }
    if (!report) {
        err << "The evaluation could not train ALS on this data.\n";
        return Failure;
    }
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray models;
        for (const ModelEvaluation &model : report->models) {
            models.append(figures(model));
        }
        QJsonArray trials;
        for (const WeightTrial &trial : report->trials) {
            QJsonObject t = weightsJson(trial.weights);
            t[QStringLiteral("validation_ndcg")] = trial.validationNdcg;
            trials.append(t);
        }
        const QJsonObject root{{QStringLiteral("users"), report->users},
                               {QStringLiteral("items"), report->items},
                               {QStringLiteral("interactions"), double(report->interactions)},
                               {QStringLiteral("test_users"), report->testUsers},
                               {QStringLiteral("tag_uses"), double(dataset.value().tagUses.size())},
                               {QStringLiteral("k"), options.k},
                               {QStringLiteral("holdout"), options.holdout},
                               {QStringLiteral("seed"), double(options.seed)},
                               {QStringLiteral("seeds"), options.seeds},
                               {QStringLiteral("models"), models},
                               {QStringLiteral("hybrid_weights"), weightsJson(report->hybridWeights)},
                               {QStringLiteral("tuning"), trials},
                               {QStringLiteral("seconds"), report->seconds}};
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        printTable(out, *report, options);
    }
    return Success;
}
