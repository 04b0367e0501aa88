#include "engine/import/jsonarrayreader.h"

namespace engine
{

namespace
{

QString describe(int c)
{
    if (c < 0) {
        return QStringLiteral("the end of the file");
    }
    if (c >= 0x20 && c < 0x7f) {
        return QStringLiteral("'%1'").arg(QChar(char16_t(c)));
    }
    return QStringLiteral("byte 0x%1").arg(c, 2, 16, QLatin1Char('0'));
}

void appendUtf8(std::string &out, unsigned codePoint)
{
    if (codePoint < 0x80) {
        out.push_back(char(codePoint));
    } else if (codePoint < 0x800) {
        out.push_back(char(0xc0 | (codePoint >> 6)));
        out.push_back(char(0x80 | (codePoint & 0x3f)));
    } else if (codePoint < 0x10000) {
        out.push_back(char(0xe0 | (codePoint >> 12)));
        out.push_back(char(0x80 | ((codePoint >> 6) & 0x3f)));
        out.push_back(char(0x80 | (codePoint & 0x3f)));
    } else {
        out.push_back(char(0xf0 | (codePoint >> 18)));
        out.push_back(char(0x80 | ((codePoint >> 12) & 0x3f)));
        out.push_back(char(0x80 | ((codePoint >> 6) & 0x3f)));
        out.push_back(char(0x80 | (codePoint & 0x3f)));
    }
}

bool isDigit(int c)
{
    return c >= '0' && c <= '9';
}

} // namespace

JsonArrayReader::JsonArrayReader(ByteSource &source, qsizetype chunkSize)
    : m_source(&source)
    , m_buffer(size_t(qMax<qsizetype>(chunkSize, 1)))
{
}

bool JsonArrayReader::hasError() const
{
    return !m_error.isEmpty();
}

const QString &JsonArrayReader::error() const
{
    return m_error;
}

qint64 JsonArrayReader::bytesRead() const
{
    return m_bufferOffset + m_length;
}

bool JsonArrayReader::refill()
{
    if (m_sourceDone) {
        return false;
    }
    m_bufferOffset += m_length;
    m_pos = 0;
    m_length = 0;
    const qint64 n = m_source->read(m_buffer.data(), qint64(m_buffer.size()));
    if (n < 0) {
        m_sourceDone = true;
        fail(QStringLiteral("could not read the file: %1").arg(m_source->errorString()));
        return false;
    }
    if (n == 0) {
        m_sourceDone = true;
        return false;
    }
    m_length = qsizetype(n);
    return true;
}

inline int JsonArrayReader::peek()
{
    if (m_pos == m_length && !refill()) {
        return -1;
    }
    return static_cast<unsigned char>(m_buffer[size_t(m_pos)]);
}

inline void JsonArrayReader::advance()
{
    ++m_pos;
}

bool JsonArrayReader::fail(const QString &reason)
{
    const qint64 offset = m_bufferOffset + m_pos;
    return failAt(offset, m_line, m_lineStart, reason);
}

bool JsonArrayReader::failAt(qint64 offset, qint64 line, qint64 lineStart, const QString &reason)
{
    if (m_error.isEmpty()) {
        m_error = QStringLiteral("byte %1 (line %2, column %3): %4")
                      .arg(offset)
                      .arg(line)
                      .arg(offset - lineStart + 1)
                      .arg(reason);
    }
    m_finished = true;
    return false;
}

void JsonArrayReader::skipWhitespace()
{
    for (;;) {
        const int c = peek();
        if (c == '\n') {
            ++m_line;
            m_lineStart = m_bufferOffset + m_pos + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            return;
        }
        advance();
    }
}

bool JsonArrayReader::expect(char c, const char *what)
{
    const int got = peek();
    if (got != static_cast<unsigned char>(c)) {
        if (hasError()) {
            return false;
        }
        return fail(QStringLiteral("expected %1, found %2").arg(QLatin1String(what), describe(got)));
    }
    advance();
    return true;
}

bool JsonArrayReader::readObject(JsonFieldHandler &handler)
{
    if (m_finished) {
        return false;
    }
    if (!m_started) {
        m_started = true;
        // A UTF-8 byte order mark is tolerated: some tools write one.
        if (peek() == 0xef) {
            for (const int bom : {0xef, 0xbb, 0xbf}) {
                if (peek() != bom) {
                    return fail(
                        QStringLiteral("expected '[' (a JSON array of objects), found %1").arg(describe(peek())));
                }
                advance();
            }
        }
        skipWhitespace();
        if (peek() < 0 && !hasError()) {
            return fail(QStringLiteral("the file is empty; expected a JSON array of objects"));
        }
        if (!expect('[', "'[' (a JSON array of objects)")) {
            return false;
        }
        skipWhitespace();
        if (peek() == ']') {
            advance();
            return finish();
        }
    } else {
        skipWhitespace();
        const int c = peek();
        if (c == ']') {
            advance();
            return finish();
        }
        if (!expect(',', "',' or ']' after an object")) {
            return false;
        }
        skipWhitespace();
    }

    if (!expect('{', "an object ('{')")) {
        return false;
    }
    skipWhitespace();
    if (peek() == '}') {
        advance();
        return true;
    }
    for (;;) {
        if (peek() != '"') {
            return hasError()
                ? false
                : fail(QStringLiteral("expected a member name in quotes, found %1").arg(describe(peek())));
        }
        advance();
        if (!readString(m_name)) {
            return false;
        }
        skipWhitespace();
        if (!expect(':', "':' after a member name")) {
            return false;
        }
        skipWhitespace();
        const qint64 valueOffset = m_bufferOffset + m_pos;
        const qint64 valueLine = m_line;
        const qint64 valueLineStart = m_lineStart;
        JsonValue value;
        const int c = peek();
        switch (c) {
        case '"':
            advance();
            if (!readString(m_value)) {
                return false;
            }
            value.type = JsonValue::Type::String;
            value.text = m_value;
            break;
        case 't':
            if (!readLiteral("true")) {
                return false;
            }
            value.type = JsonValue::Type::True;
            break;
        case 'f':
            if (!readLiteral("false")) {
                return false;
            }
            value.type = JsonValue::Type::False;
            break;
        case 'n':
            if (!readLiteral("null")) {
                return false;
            }
            value.type = JsonValue::Type::Null;
            break;
        case '{':
        case '[':
            if (!skipValue(1)) {
                return false;
            }
            value.type = c == '{' ? JsonValue::Type::Object : JsonValue::Type::Array;
            break;
        default:
            if (c != '-' && !isDigit(c)) {
                return hasError() ? false : fail(QStringLiteral("expected a value, found %1").arg(describe(c)));
            }
            if (!readNumber(m_value)) {
                return false;
            }
            value.type = JsonValue::Type::Number;
            value.text = m_value;
            break;
        }
        if (const QString rejected = handler.field(m_name, value); !rejected.isEmpty()) {
            return failAt(valueOffset, valueLine, valueLineStart, rejected);
        }
        skipWhitespace();
        const int next = peek();
        if (next == '}') {
            advance();
            return true;
        }
        if (!expect(',', "',' or '}' after a member")) {
            return false;
        }
        skipWhitespace();
    }
}

bool JsonArrayReader::finish()
{
    skipWhitespace();
    if (peek() >= 0) {
        return fail(QStringLiteral("unexpected %1 after the end of the array").arg(describe(peek())));
    }
    m_finished = true;
    return false;
}

bool JsonArrayReader::readString(std::string &out)
{
    out.clear();
    for (;;) {
        if (m_pos == m_length && !refill()) {
            return hasError() ? false : fail(QStringLiteral("the file ends inside a string"));
        }
        // Copy the plain run up to the next quote, backslash or control character in one go.
        const char *begin = m_buffer.data() + m_pos;
        const char *end = m_buffer.data() + m_length;
        const char *p = begin;
        while (p != end) {
            const auto c = static_cast<unsigned char>(*p);
            if (c == '"' || c == '\\' || c < 0x20) {
                break;
            }
            ++p;
        }
        out.append(begin, size_t(p - begin));
        m_pos += p - begin;
        if (qsizetype(out.size()) > MaxStringBytes) {
            return fail(QStringLiteral("a string longer than %1 bytes").arg(MaxStringBytes));
        }
        if (p == end) {
            continue;
        }
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"') {
            advance();
            return true;
        }
        if (c < 0x20) {
            return fail(QStringLiteral("a control character (byte 0x%1) inside a string; it must be escaped")
                            .arg(int(c), 2, 16, QLatin1Char('0')));
        }
        advance();
        if (!readEscape(out)) {
            return false;
        }
    }
}

bool JsonArrayReader::readEscape(std::string &out)
{
    const qint64 at = m_bufferOffset + m_pos - 1;
    const int c = peek();
    switch (c) {
    case '"':
    case '\\':
    case '/':
        out.push_back(char(c));
        break;
    case 'b':
        out.push_back('\b');
        break;
    case 'f':
        out.push_back('\f');
        break;
    case 'n':
        out.push_back('\n');
        break;
    case 'r':
        out.push_back('\r');
        break;
    case 't':
        out.push_back('\t');
        break;
    case 'u': {
        advance();
        unsigned unit = 0;
        if (!readHex4(unit)) {
            return false;
        }
        if (unit >= 0xdc00 && unit <= 0xdfff) {
            return failAt(at,
                          m_line,
                          m_lineStart,
                          QStringLiteral("a \\u escape with a low surrogate that no high surrogate precedes"));
        }
        if (unit >= 0xd800 && unit <= 0xdbff) {
            if (peek() != '\\') {
                return hasError() ? false
                                  : failAt(at,
                                           m_line,
                                           m_lineStart,
                                           QStringLiteral("a high surrogate \\u escape without its low surrogate"));
            }
            advance();
            if (peek() != 'u') {
                return hasError() ? false
                                  : failAt(at,
                                           m_line,
                                           m_lineStart,
                                           QStringLiteral("a high surrogate \\u escape without its low surrogate"));
            }
            advance();
            unsigned low = 0;
            if (!readHex4(low)) {
                return false;
            }
            if (low < 0xdc00 || low > 0xdfff) {
                return failAt(at,
                              m_line,
                              m_lineStart,
                              QStringLiteral("a high surrogate \\u escape without its low surrogate"));
            }
            unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        }
        appendUtf8(out, unit);
        return true;
    }
    default:
        return hasError() ? false
                          : failAt(at,
                                   m_line,
                                   m_lineStart,
                                   QStringLiteral("an invalid escape \\%1 in a string")
                                       .arg(c < 0 ? QStringLiteral("at the end of the file") : describe(c)));
    }
    advance();
    return true;
}

bool JsonArrayReader::readHex4(unsigned &value)
{
    value = 0;
    for (int i = 0; i < 4; ++i) {
        const int c = peek();
        unsigned digit = 0;
        if (isDigit(c)) {
            digit = unsigned(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = unsigned(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = unsigned(c - 'A' + 10);
        } else {
            return hasError() ? false
                              : fail(QStringLiteral("expected 4 hex digits after \\u, found %1").arg(describe(c)));
        }
        value = value * 16 + digit;
        advance();
    }
    return true;
}

bool JsonArrayReader::readNumber(std::string &out)
{
    out.clear();
    auto take = [this, &out] {
        out.push_back(char(peek()));
        advance();
    };
    auto digits = [this, &take]() {
        if (!isDigit(peek())) {
            return hasError() ? false
                              : fail(QStringLiteral("expected a digit in a number, found %1").arg(describe(peek())));
        }
        while (isDigit(peek())) {
            take();
        }
        return true;
    };
    if (peek() == '-') {
        take();
    }
    if (peek() == '0') {
        take();
        if (isDigit(peek())) {
            return fail(QStringLiteral("a number with a leading zero"));
        }
    } else if (!digits()) {
        return false;
    }
    if (peek() == '.') {
        take();
        if (!digits()) {
            return false;
        }
    }
    if (peek() == 'e' || peek() == 'E') {
        take();
        if (peek() == '+' || peek() == '-') {
            take();
        }
        if (!digits()) {
            return false;
        }
    }
    if (qsizetype(out.size()) > 64) {
        return fail(QStringLiteral("a number longer than 64 characters"));
    }
    return !hasError();
}

bool JsonArrayReader::readLiteral(const char *literal)
{
    for (const char *p = literal; *p; ++p) {
        if (peek() != static_cast<unsigned char>(*p)) {
            return hasError()
                ? false
                : fail(QStringLiteral("expected %1, found %2").arg(QLatin1String(literal), describe(peek())));
        }
        advance();
    }
    return true;
}

bool JsonArrayReader::skipValue(int depth)
{
    if (depth > MaxDepth) {
        return fail(QStringLiteral("values nested more than %1 deep").arg(MaxDepth));
    }
    const int open = peek();
    const char close = open == '{' ? '}' : ']';
    advance();
    skipWhitespace();
    if (peek() == close) {
        advance();
        return true;
    }
    for (;;) {
        if (open == '{') {
            if (!expect('"', "a member name in quotes")) {
                return false;
            }
            if (!readString(m_value)) {
                return false;
            }
            skipWhitespace();
            if (!expect(':', "':' after a member name")) {
                return false;
            }
            skipWhitespace();
        }
        const int c = peek();
        bool ok = false;
        if (c == '{' || c == '[') {
            ok = skipValue(depth + 1);
        } else if (c == '"') {
            advance();
            ok = readString(m_value);
        } else if (c == 't') {
            ok = readLiteral("true");
        } else if (c == 'f') {
            ok = readLiteral("false");
        } else if (c == 'n') {
            ok = readLiteral("null");
        } else if (c == '-' || isDigit(c)) {
            ok = readNumber(m_value);
        } else {
            ok = hasError() ? false : fail(QStringLiteral("expected a value, found %1").arg(describe(c)));
        }
        if (!ok) {
            return false;
        }
        skipWhitespace();
        if (peek() == close) {
            advance();
            return true;
        }
        if (!expect(',', open == '{' ? "',' or '}'" : "',' or ']'")) {
            return false;
        }
        skipWhitespace();
    }
}

} // namespace engine
