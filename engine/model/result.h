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

// A value or an error (an Error unless a caller needs a richer one). The engine never throws across its API;
// it returns one of these.
template<typename T, typename E = Error>
class Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {
    }
    Result(E error)
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
    const E &error() const
    {
        return std::get<E>(m_state);
    }

private:
    std::variant<T, E> m_state;
};

// Success without a value, or an error.
template<typename E>
class Result<void, E>
{
public:
    Result() = default;
    Result(E error)
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
    const E &error() const
    {
        return *m_error;
    }

private:
    std::optional<E> m_error;
};

} // namespace engine
