#include "hub/logging.h"

namespace hub
{

Q_LOGGING_CATEGORY(lcConfig, "tunescout.hub.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMigrate, "tunescout.hub.migrate", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDatabase, "tunescout.hub.database", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "tunescout.hub.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "tunescout.hub.server", QtInfoMsg)

} // namespace hub
