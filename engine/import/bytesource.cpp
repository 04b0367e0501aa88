#include "engine/import/bytesource.h"

#include <QIODevice>

#include <archive.h>

namespace engine
{

DeviceSource::DeviceSource(QIODevice &device)
    : m_device(&device)
{
}

qint64 DeviceSource::read(char *buffer, qint64 size)
{
    return m_device->read(buffer, size);
}

QString DeviceSource::errorString() const
{
    return m_device->errorString();
}

ArchiveEntrySource::ArchiveEntrySource(archive *reader)
    : m_reader(reader)
{
}

qint64 ArchiveEntrySource::read(char *buffer, qint64 size)
{
    const la_ssize_t n = archive_read_data(m_reader, buffer, size_t(size));
    return n < 0 ? -1 : qint64(n);
}

QString ArchiveEntrySource::errorString() const
{
    const char *message = archive_error_string(m_reader);
    return message ? QString::fromUtf8(message) : QStringLiteral("unknown archive error");
}

} // namespace engine
