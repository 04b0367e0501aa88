#pragma once

class Account;
class Dashboard;
class Discover;
class Enrichment;
class HistoryImport;
class SyncStatus;

// Keeps what shows the listening history current when something writes plays: a sync adds rows at the end (the
// dashboards pick them up incrementally), an import rewrites rows anywhere (a full reload) and may end the "import
// your history" state; the recommendations are ranked again (Discovery retrains on what changed). main() and the
// QML tests wire the objects through this one place.
void followHistoryChanges(Account &account,
                          HistoryImport &historyImport,
                          Dashboard &dashboard,
                          SyncStatus &syncStatus,
                          Discover &discover);

// Keeps the genre lookup and what shows genres current: a run that stored tags refreshes the dashboards' genres,
// and new tracks (a sync, an import) change how many are left to look up, which is counted now for the first time.
void followTagChanges(Account &account, HistoryImport &historyImport, Enrichment &enrichment, Dashboard &dashboard);
