#pragma once

#include <QString>

#include <QtGlobal>

class QIODevice;
struct archive;

namespace engine
{

// Where an export file's bytes come from, read in chunks: a file on disk (QIODevice) or the current entry of
// a zip that libarchive reads without unpacking it.
class ByteSource
{
public:
    virtual ~ByteSource() = default;
    // Up to `size` bytes into `buffer`: how many were read, 0 at the end, -1 on an error (errorString()).
    virtual qint64 read(char *buffer, qint64 size) = 0;
    virtual QString errorString() const = 0;
};

class DeviceSource final : public ByteSource
{
public:
    explicit DeviceSource(QIODevice &device);
    qint64 read(char *buffer, qint64 size) override;
    QString errorString() const override;

private:
    QIODevice *m_device = nullptr;
};

// The data of the entry libarchive has just read the header of.
class ArchiveEntrySource final : public ByteSource
{
public:
    explicit ArchiveEntrySource(archive *reader);
    qint64 read(char *buffer, qint64 size) override;
    QString errorString() const override;

private:
    archive *m_reader = nullptr;
};

} // namespace engine
