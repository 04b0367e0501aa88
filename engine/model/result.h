#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace engine
{

// What went wrong, in a form a caller can branch on (code) and a person can act on (message).
struct Error {
    enum class Code {
        InvalidInput,
        NotFound,
        NewerSchema,
        Corrupt,
        Storage,
        Io,
        Network,
        Unavailable,
        Internal,
    };
    Code code = Code::Internal;
    QString message;
};

QString errorCodeName(Error::Code code);

// A value or an Error. The engine never throws across its API; it returns one of these.
template<typename T>
class Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {
    }
    Result(Error error)
        : m_state(std::move(error))
    {
    }

    bool ok() const
    {
        return std::holds_alternative<T>(m_state);
    }
    explicit operator bool() const
    {
        return ok();
    }
    const T &value() const &
    {
        return std::get<T>(m_state);
    }
    T &value() &
    {
        return std::get<T>(m_state);
    }
    T &&value() &&
    {
        return std::get<T>(std::move(m_state));
    }
    const Error &error() const
    {
        return std::get<Error>(m_state);
    }

private:
    std::variant<T, Error> m_state;
};

// Success without a value, or an Error.
template<>
class Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const
    {
        return !m_error.has_value();
    }
    explicit operator bool() const
    {
        return ok();
    }
    const Error &error() const
    {
        return *m_error;
    }

private:
    std::optional<Error> m_error;
};

} // namespace engine
