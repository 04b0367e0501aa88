#include "historyrefresh.h"

#include "account.h"
#include "dashboard.h"
#include "discover.h"
#include "enrichment.h"
#include "historyimport.h"
#include "syncstatus.h"

void followHistoryChanges(Account &account,
                          HistoryImport &historyImport,
                          Dashboard &dashboard,
                          SyncStatus &syncStatus,
                          Discover &discover)
{
    QObject::connect(&account, &Account::synced, &dashboard, [&dashboard] {
        dashboard.historyChanged(false);
    });
    // HistoryImport counts the plays again itself (knownPlays, which the Home page follows).
    QObject::connect(&historyImport, &HistoryImport::finished, &dashboard, [&dashboard, &syncStatus] {
        dashboard.historyChanged(true);
        syncStatus.refresh();
    });
    QObject::connect(&account, &Account::synced, &discover, &Discover::historyChanged);
    QObject::connect(&historyImport, &HistoryImport::finished, &discover, &Discover::historyChanged);
}

void followTagChanges(Account &account, HistoryImport &historyImport, Enrichment &enrichment, Dashboard &dashboard)
{
    QObject::connect(&enrichment, &Enrichment::tagsChanged, &dashboard, &Dashboard::tagsChanged);
    QObject::connect(&account, &Account::synced, &enrichment, &Enrichment::refreshPending);
    QObject::connect(&historyImport, &HistoryImport::finished, &enrichment, &Enrichment::refreshPending);
    enrichment.refreshPending();
}
