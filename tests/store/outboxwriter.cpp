// tunescout-outbox-writer <data-dir> <events>: the child process of tst_sqlite_kill9 (RELIABILITY.md T13).
// Opens the store like the app does and enqueues outbox events, each in its own transaction; after each
// enqueue() returns (its COMMIT did) it prints "ack <event_id>" and flushes, so the parent knows exactly which
// events the store has promised to keep when it kills this process.
#include "engine/store/outboxrepository.h"
#include "engine/store/store.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>

#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fputs("usage: tunescout-outbox-writer <data-dir> <events>\n", stderr);
        return 2;
    }
    const engine::Store::Outcome opened = engine::Store::open(QString::fromLocal8Bit(argv[1]));
    if (!opened.store) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.status.message));
        return 1;
    }
    auto outbox = engine::OutboxRepository::create(opened.store->database());
    if (!outbox) {
        std::fprintf(stderr, "%s\n", qPrintable(outbox.error().message));
        return 1;
    }
    const qint64 events = QByteArray(argv[2]).toLongLong();
    for (qint64 sequence = 0; sequence < events; ++sequence) {
        // Payloads from a few bytes to several pages, so that kills land in single-page and overflow writes.
        const QString filler(QRandomGenerator::global()->bounded(9000), QLatin1Char('x'));
        const auto eventId = outbox.value().enqueue(engine::OutboxKind::Play,
                                                    QJsonObject{{QStringLiteral("sequence"), sequence},
                                                                {QStringLiteral("length"), qint64(filler.size())},
                                                                {QStringLiteral("filler"), filler}});
        if (!eventId) {
            std::fprintf(stderr, "%s\n", qPrintable(eventId.error().message));
            return 1;
        }
        std::printf("ack %s\n", qPrintable(eventId.value()));
        std::fflush(stdout);
    }
    return 0;
}
