#include "historyrefresh.h"

#include "account.h"
#include "dashboard.h"
#include "enrichment.h"
#include "historyimport.h"
#include "syncstatus.h"

void followHistoryChanges(Account &account, HistoryImport &historyImport, Dashboard &dashboard, SyncStatus &syncStatus)
{
    QObject::connect(&account, &Account::synced, &dashboard, [&dashboard] {
        dashboard.historyChanged(false);
    });
    // HistoryImport counts the plays again itself (knownPlays, which the Home page follows).
    QObject::connect(&historyImport, &HistoryImport::finished, &dashboard, [&dashboard, &syncStatus] {
        dashboard.historyChanged(true);
        syncStatus.refresh();
    });
}

void followTagChanges(Account &account, HistoryImport &historyImport, Enrichment &enrichment, Dashboard &dashboard)
{
    QObject::connect(&enrichment, &Enrichment::tagsChanged, &dashboard, &Dashboard::tagsChanged);
    QObject::connect(&account, &Account::synced, &enrichment, &Enrichment::refreshPending);
    QObject::connect(&historyImport, &HistoryImport::finished, &enrichment, &Enrichment::refreshPending);
    enrichment.refreshPending();
}
