#include "hub/training.h"

#include "engine/recommend/als.h"
#include "hub/database.h"
#include "hub/logging.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QtEndian>

#include <vector>

#include <pqxx/binarystring>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

namespace hub
{

namespace
{

// The configured settings (AlsConfig has the defaults and why); the weighting stays log1p, which the model's
// params name and the fold-in on the hub and the clients assume.
engine::recommend::AlsOptions trainingOptions(const AlsConfig &als)
{
    engine::recommend::AlsOptions options;
    options.factors = als.factors;
    options.regularization = float(als.regularization);
    options.alpha = float(als.alpha);
    options.iterations = als.iterations;
    options.weighting = engine::recommend::Weighting::Log1p;
    return options;
}

// A Postgres text[] literal; the URIs hold no quote or backslash (the plays table checks them).
std::string textArray(const QStringList &values)
{
    return QString(QStringLiteral("{\"") + values.join(QStringLiteral("\",\"")) + QStringLiteral("\"}")).toStdString();
}

constexpr const char *updateTrainingOptIn = "update_training_opt_in";
constexpr const char *selectTrainingOptIn = "select_training_opt_in";

} // namespace

TrainingStore::TrainingStore(Database &database)
    : m_database(database)
{
}

void TrainingStore::prepare(pqxx::connection &connection)
{
    connection.prepare(updateTrainingOptIn, "UPDATE members SET training_opt_in = $2 WHERE id = $1");
    connection.prepare(selectTrainingOptIn, "SELECT training_opt_in FROM members WHERE id = $1");
}

void TrainingStore::setOptIn(qint64 memberId, bool optIn)
{
    m_database.run([&](pqxx::connection &connection) {
        pqxx::work transaction(connection);
        transaction.exec_prepared0(updateTrainingOptIn, memberId, optIn);
        transaction.commit();
    });
}

bool TrainingStore::optIn(qint64 memberId)
{
    return m_database.run([&](pqxx::connection &connection) {
        pqxx::read_transaction transaction(connection);
        return transaction.exec_prepared1(selectTrainingOptIn, memberId)[0].as<bool>();
    });
}

TrainReport trainModel(const ConnectionString &connectionString, int modelsKept, const AlsConfig &als)
{
    TrainReport report;
    pqxx::connection connection(connectionString.toStdString());
    {
        pqxx::nontransaction session(connection);
        if (!session.exec_params1("SELECT pg_try_advisory_lock($1::bigint)", trainingLockKey)[0].as<bool>()) {
            report.outcome = TrainOutcome::AlreadyRunning;
            return report;
        }
    }
    // The lock is the session's: closing the connection (also when anything below throws) releases it.
    QHash<qint64, int> rowOf;
    QHash<QString, int> columnOf;
    QStringList itemIds;
    std::vector<Eigen::Triplet<float, int>> counts;
    {
        pqxx::read_transaction transaction(connection);
        const pqxx::result rows = transaction.exec("SELECT p.member_id, p.track_uri, count(*) "
                                                   "FROM members m JOIN plays p ON p.member_id = m.id "
                                                   "WHERE m.training_opt_in AND p.track_uri IS NOT NULL "
                                                   "GROUP BY p.member_id, p.track_uri ORDER BY 1, 2");
        for (const pqxx::row &row : rows) {
            const qint64 member = row[0].as<qint64>();
            const QString track = QString::fromUtf8(row[1].c_str());
            if (!rowOf.contains(member)) {
                rowOf.insert(member, int(rowOf.size()));
            }
            if (!columnOf.contains(track)) {
                columnOf.insert(track, int(itemIds.size()));
                itemIds << track;
            }
            const qint64 plays = row[2].as<qint64>();
            counts.emplace_back(rowOf.value(member), columnOf.value(track), float(plays));
            report.plays += plays;
        }
    }
    report.members = int(rowOf.size());
    report.items = int(itemIds.size());
    if (counts.empty()) {
        report.outcome = TrainOutcome::NoData;
        return report;
    }
    engine::recommend::Interactions matrix(report.members, report.items);
    matrix.setFromTriplets(counts.begin(), counts.end());
    const engine::recommend::AlsOptions options = trainingOptions(als);
    const std::optional<engine::recommend::AlsModel> model = engine::recommend::trainAls(matrix, options);
    if (!model) {
        throw std::runtime_error(engine::recommend::validateAls(matrix, options));
    }

    QByteArray factors(qsizetype(model->items.size()) * qsizetype(sizeof(float)), Qt::Uninitialized);
    qToLittleEndian<float>(model->items.data(), model->items.size(), factors.data());
    const QJsonObject params{{QStringLiteral("algorithm"), QStringLiteral("als")},
                             {QStringLiteral("factors"), options.factors},
                             {QStringLiteral("regularization"), double(options.regularization)},
                             {QStringLiteral("alpha"), double(options.alpha)},
                             {QStringLiteral("weighting"), QStringLiteral("log1p")},
                             {QStringLiteral("iterations"), options.iterations},
                             {QStringLiteral("members"), report.members},
                             {QStringLiteral("plays"), report.plays}};
    pqxx::work transaction(connection);
    report.version = transaction
                         .exec_params1("INSERT INTO models (dimensions, item_ids, factors, params) "
                                       "VALUES ($1, $2::text[], $3, $4::jsonb) RETURNING version",
                                       options.factors,
                                       textArray(itemIds),
                                       pqxx::binarystring(factors.constData(), size_t(factors.size())),
                                       QJsonDocument(params).toJson(QJsonDocument::Compact).toStdString())[0]
                         .as<qint64>();
    report.pruned = int(transaction
                            .exec_params("DELETE FROM models WHERE version NOT IN "
                                         "(SELECT version FROM models ORDER BY version DESC LIMIT $1)",
                                         modelsKept)
                            .affected_rows());
    transaction.commit();
    report.outcome = TrainOutcome::Trained;
    return report;
}

TrainingScheduler::TrainingScheduler(ConnectionString connectionString,
                                     int intervalMin,
                                     int modelsKept,
                                     Report report,
                                     AlsConfig als)
    : m_connectionString(std::move(connectionString))
    , m_intervalMin(intervalMin)
    , m_modelsKept(modelsKept)
    , m_report(std::move(report))
    , m_als(als)
{
}

TrainingScheduler::~TrainingScheduler()
{
    stop();
}

void TrainingScheduler::start()
{
    if (m_intervalMin > 0 && !m_thread.joinable()) {
        m_thread = std::thread(&TrainingScheduler::loop, this);
    }
}

void TrainingScheduler::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void TrainingScheduler::loop()
{
    for (;;) {
        Metrics::TrainingRunIndex outcome = Metrics::TrainingFailed;
        try {
            const TrainReport report = trainModel(m_connectionString, m_modelsKept, m_als);
            qCInfo(lcServer).noquote() << describe(report);
            outcome = report.outcome == TrainOutcome::Trained    ? Metrics::TrainingTrained
                : report.outcome == TrainOutcome::AlreadyRunning ? Metrics::TrainingAlreadyRunning
                                                                 : Metrics::TrainingNoData;
        } catch (const std::exception &error) {
            // The next interval tries again; what() may quote the connection string, so it passes the filter.
            qCWarning(lcServer).noquote() << "Training failed:" << m_connectionString.redacted(error.what());
        }
        m_report(outcome);
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, std::chrono::minutes(m_intervalMin), [this] {
                return m_stopping;
            })) {
            return;
        }
    }
}

QString describe(const TrainReport &report)
{
    switch (report.outcome) {
    case TrainOutcome::AlreadyRunning:
        return QStringLiteral("Training is already running on another hub instance; nothing to do.");
    case TrainOutcome::NoData:
        return QStringLiteral("No model trained: no member who opted in to training has plays yet (PUT "
                              "/api/v1/me/training).");
    case TrainOutcome::Trained:
        break;
    }
    return QStringLiteral("Trained model version %1 from %2 plays of %3 members over %4 tracks; removed %5 older "
                          "version(s).")
        .arg(report.version)
        .arg(report.plays)
        .arg(report.members)
        .arg(report.items)
        .arg(report.pruned);
}

} // namespace hub
