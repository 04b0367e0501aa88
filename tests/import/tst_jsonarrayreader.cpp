// The streaming reader of history files: values, escapes, nested values skipped, errors with their position,
// and the same result whatever the chunk size (every chunk boundary of the inputs is tried).

#include "engine/import/jsonarrayreader.h"

#include <QBuffer>
#include <QTest>

using namespace engine;

namespace
{

// Everything the reader handed over, one line per object: "name=type:text;…".
class Recorder final : public JsonFieldHandler
{
public:
    QStringList objects;
    QString current;
    QString rejectField; // a field name whose value is refused, to check where the error points

    QString field(std::string_view name, const JsonValue &value) override
    {
        static const char *const types[] = {"null", "false", "true", "number", "string", "object", "array"};
        const QString fieldName = QString::fromUtf8(name.data(), qsizetype(name.size()));
        if (fieldName == rejectField) {
            return QStringLiteral("\"%1\" is refused").arg(fieldName);
        }
        current += QStringLiteral("%1=%2:%3;")
                       .arg(fieldName,
                            QLatin1String(types[int(value.type)]),
                            QString::fromUtf8(value.text.data(), qsizetype(value.text.size())));
        return {};
    }
};

struct Outcome {
    QStringList objects;
    QString error;
};

Outcome readAll(const QByteArray &input, qsizetype chunkSize, const QString &rejectField = QString())
{
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    DeviceSource source(buffer);
    JsonArrayReader reader(source, chunkSize);
    Recorder recorder;
    recorder.rejectField = rejectField;
    Outcome outcome;
    while (reader.readObject(recorder)) {
        outcome.objects.append(recorder.current);
        recorder.current.clear();
    }
    outcome.error = reader.error();
    return outcome;
}

} // namespace

class JsonArrayReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsValues_data();
    void readsValues();
    void reportsErrors_data();
    void reportsErrors();
    void handlerRejectionPointsAtTheValue();
    void memoryIsBoundedByTheChunk();
};

void JsonArrayReaderTest::readsValues_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("empty-array") << QByteArray("[]") << QStringList();
    QTest::addRow("empty-array-whitespace") << QByteArray(" \n[ \r\n\t] \n") << QStringList();
    QTest::addRow("empty-object") << QByteArray("[{}]") << QStringList{QString()};
    QTest::addRow("scalars") << QByteArray("[{\"a\":\"x\",\"b\":12,\"c\":-1.5e+3,\"d\":true,\"e\":false,\"f\":null}]")
                             << QStringList{QStringLiteral(
                                    "a=string:x;b=number:12;c=number:-1.5e+3;d=true:;e=false:;f=null:;")};
    QTest::addRow("escapes") << QByteArray("[{\"s\":\"q\\\"b\\\\s\\/n\\nt\\tr\\rb\\bf\\f\"}]")
                             << QStringList{QStringLiteral("s=string:q\"b\\s/n\nt\tr\rb\bf\f;")};
    QTest::addRow("unicode-escapes") << QByteArray("[{\"s\":\"Caf\\u00e9 \\u65e5 \\ud83c\\udfb5\"}]")
                                     << QStringList{QStringLiteral("s=string:Caf\u00e9 \u65e5 ")
                                                    + QString::fromUcs4(U"\U0001F3B5") + QLatin1Char(';')};
    QTest::addRow("raw-utf8") << QByteArray("[{\"s\":\"Beyonc\xc3\xa9\"}]")
                              << QStringList{QStringLiteral("s=string:Beyonc\u00e9;")};
    QTest::addRow("nested-skipped") << QByteArray(
        "[{\"a\":{\"x\":[1,{\"y\":\"]}\"},[]],\"z\":{}},\"b\":[true,null],\"c\":1}]")
                                    << QStringList{QStringLiteral("a=object:;b=array:;c=number:1;")};
    QTest::addRow("two-objects-pretty") << QByteArray("[\n  {\n    \"a\": 1\n  },\n  {\n    \"b\": \"2\"\n  }\n]\n")
                                        << QStringList{QStringLiteral("a=number:1;"), QStringLiteral("b=string:2;")};
    QTest::addRow("byte-order-mark") << QByteArray("\xef\xbb\xbf[{\"a\":0}]")
                                     << QStringList{QStringLiteral("a=number:0;")};
}

void JsonArrayReaderTest::readsValues()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    for (qsizetype chunk = 1; chunk <= input.size() + 1; ++chunk) {
        const Outcome outcome = readAll(input, chunk);
        QVERIFY2(outcome.error.isEmpty(), qPrintable(QStringLiteral("chunk %1: %2").arg(chunk).arg(outcome.error)));
        QCOMPARE(outcome.objects, expected);
    }
}

void JsonArrayReaderTest::reportsErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    QTest::addRow("empty-file") << QByteArray(
        "") << QStringLiteral("byte 0 (line 1, column 1): the file is empty; expected a JSON array of objects");
    QTest::addRow("not-json") << QByteArray(
        "%PDF-1.4") << QStringLiteral("byte 0 (line 1, column 1): expected '[' (a JSON array of objects), found '%'");
    QTest::addRow("object-at-top") << QByteArray(
        "{\"a\":1}") << QStringLiteral("byte 0 (line 1, column 1): expected '[' (a JSON array of objects), found '{'");
    QTest::addRow("truncated") << QByteArray("[\n{\"a\":1},\n{\"b\":\"tex")
                               << QStringLiteral("byte 20 (line 3, column 10): the file ends inside a string");
    QTest::addRow("truncated-after-object")
        << QByteArray("[{\"a\":1}")
        << QStringLiteral("byte 8 (line 1, column 9): expected ',' or ']' after an object, found the end of the file");
    QTest::addRow("bad-escape") << QByteArray("[{\"a\":\"x\\qy\"}]")
                                << QStringLiteral("byte 8 (line 1, column 9): an invalid escape \\'q' in a string");
    QTest::addRow("short-unicode-escape")
        << QByteArray("[{\"a\":\"\\u12G4\"}]")
        << QStringLiteral("byte 11 (line 1, column 12): expected 4 hex digits after \\u, found 'G'");
    QTest::addRow("lone-high-surrogate")
        << QByteArray("[{\"a\":\"\\ud83cx\"}]")
        << QStringLiteral("byte 7 (line 1, column 8): a high surrogate \\u escape without its low surrogate");
    QTest::addRow("lone-low-surrogate")
        << QByteArray("[{\"a\":\"\\udfb5\"}]")
        << QStringLiteral(
               "byte 7 (line 1, column 8): a \\u escape with a low surrogate that no high surrogate precedes");
    QTest::addRow("control-in-string")
        << QByteArray("[{\"a\":\"x\ny\"}]")
        << QStringLiteral(
               "byte 8 (line 1, column 9): a control character (byte 0x0a) inside a string; it must be escaped");
    QTest::addRow("element-not-object") << QByteArray(
        "[{},\n 3]") << QStringLiteral("byte 6 (line 2, column 2): expected an object ('{'), found '3'");
    QTest::addRow("missing-colon") << QByteArray(
        "[{\"a\" 1}]") << QStringLiteral("byte 6 (line 1, column 7): expected ':' after a member name, found '1'");
    QTest::addRow("bad-literal") << QByteArray("[{\"a\":nul}]")
                                 << QStringLiteral("byte 9 (line 1, column 10): expected null, found '}'");
    QTest::addRow("leading-zero") << QByteArray("[{\"a\":012}]")
                                  << QStringLiteral("byte 7 (line 1, column 8): a number with a leading zero");
    QTest::addRow("trailing-data") << QByteArray(
        "[]\n[]") << QStringLiteral("byte 3 (line 2, column 1): unexpected '[' after the end of the array");
    QTest::addRow("trailing-comma") << QByteArray(
        "[{\"a\":1},]") << QStringLiteral("byte 9 (line 1, column 10): expected an object ('{'), found ']'");
}

void JsonArrayReaderTest::reportsErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    for (qsizetype chunk = 1; chunk <= input.size() + 1; ++chunk) {
        const Outcome outcome = readAll(input, chunk);
        QCOMPARE(outcome.error, expected);
    }
}

void JsonArrayReaderTest::handlerRejectionPointsAtTheValue()
{
    const QByteArray input("[\n  {\"ts\": \"x\", \"ms_played\": \"12\"}\n]");
    const Outcome outcome = readAll(input, 3, QStringLiteral("ms_played"));
    QCOMPARE(outcome.error, QStringLiteral("byte 29 (line 2, column 28): \"ms_played\" is refused"));
    QVERIFY(outcome.objects.isEmpty());
}

void JsonArrayReaderTest::memoryIsBoundedByTheChunk()
{
    // 20,000 rows read through a 4 KiB chunk: nothing but the chunk and the current strings is held, so a
    // string longer than the limit is refused rather than buffered.
    QByteArray input("[");
    for (int i = 0; i < 20'000; ++i) {
        input += (i ? "," : "") + QByteArray("{\"i\":") + QByteArray::number(i) + "}";
    }
    input += "]";
    QCOMPARE(readAll(input, 4096).objects.size(), 20'000);

    const QByteArray huge = "[{\"a\":\"" + QByteArray(JsonArrayReader::MaxStringBytes + 10, 'x') + "\"}]";
    QVERIFY(readAll(huge, 4096).error.contains(QStringLiteral("a string longer than 1048576 bytes")));
}

QTEST_GUILESS_MAIN(JsonArrayReaderTest)
#include "tst_jsonarrayreader.moc"
