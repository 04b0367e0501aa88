#include "engine/model/result.h"

namespace engine
{

QString errorCodeName(Error::Code code)
{
    switch (code) {
    case Error::Code::InvalidInput:
        return QStringLiteral("invalid-input");
    case Error::Code::NotFound:
        return QStringLiteral("not-found");
    case Error::Code::NewerSchema:
        return QStringLiteral("newer-schema");
    case Error::Code::Corrupt:
        return QStringLiteral("corrupt");
    case Error::Code::Storage:
        return QStringLiteral("storage");
    case Error::Code::Io:
        return QStringLiteral("io");
    case Error::Code::Network:
        return QStringLiteral("network");
    case Error::Code::Unavailable:
        return QStringLiteral("unavailable");
    case Error::Code::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace engine
