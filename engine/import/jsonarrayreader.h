#pragma once

#include "engine/import/bytesource.h"

#include <QString>

#include <string>
#include <string_view>
#include <vector>

namespace engine
{

// One member value of an object, as JsonArrayReader hands it over. Valid only during the handler call.
struct JsonValue {
    enum class Type { Null, False, True, Number, String, Object, Array };
    Type type = Type::Null;
    // String: the unescaped UTF-8 text; Number: the literal as written. Empty for the other types (an object
    // or array value is skipped by the reader, whatever it holds).
    std::string_view text;
};

class JsonFieldHandler
{
public:
    virtual ~JsonFieldHandler() = default;
    // Called once per member of an object. Returns an empty string to go on, or why the value cannot be
    // accepted ("\"ms_played\" must be a number"): the reader stops and reports it at the value's position.
    virtual QString field(std::string_view name, const JsonValue &value) = 0;
};

// A streaming reader for the one shape Spotify's history files have: a JSON array of flat objects. Reads its
// source in chunks, so memory stays bounded by the chunk size and the longest string, whatever the file's
// size. Strings are unescaped (\uXXXX with surrogate pairs to UTF-8); nested values are checked and skipped.
// Anything else is an error with the byte offset, line and column where it was found.
class JsonArrayReader
{
public:
    static constexpr qsizetype DefaultChunkSize = 256 * 1024;
    // A longer string is refused rather than buffered: no field of a history row comes near it.
    static constexpr qsizetype MaxStringBytes = 1024 * 1024;
    static constexpr int MaxDepth = 64;

    explicit JsonArrayReader(ByteSource &source, qsizetype chunkSize = DefaultChunkSize);

    // Reads the next object of the array and hands each member to `handler`. True when an object was read;
    // false at the end of the array or on an error (then error() says what and where).
    bool readObject(JsonFieldHandler &handler);

    bool hasError() const;
    // "byte 1234 (line 5, column 17): expected ',' or '}' after a member" — the caller adds the file name.
    const QString &error() const;
    // Bytes taken from the source so far.
    qint64 bytesRead() const;

private:
    int peek();
    void advance();
    bool refill();
    bool fail(const QString &reason);
    bool failAt(qint64 offset, qint64 line, qint64 lineStart, const QString &reason);
    void skipWhitespace();
    bool expect(char c, const char *what);
    bool readString(std::string &out);
    bool readEscape(std::string &out);
    bool readHex4(unsigned &value);
    bool readNumber(std::string &out);
    bool readLiteral(const char *literal);
    bool skipValue(int depth);
    bool finish();

    ByteSource *m_source = nullptr;
    std::vector<char> m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_length = 0;
    qint64 m_bufferOffset = 0; // file offset of m_buffer[0]
    qint64 m_line = 1;
    qint64 m_lineStart = 0; // file offset of the current line's first byte
    bool m_sourceDone = false;
    bool m_started = false;
    bool m_finished = false;
    bool m_afterElement = false;
    QString m_error;
    std::string m_name;
    std::string m_value;
};

} // namespace engine
