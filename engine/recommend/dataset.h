#pragma once

#include "engine/model/result.h"
#include "engine/recommend/types.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace engine::recommend
{

// One tag given to an item by a user (HetRec's user_taggedartists.dat); dense indices of the dataset.
struct TagUse {
    int user; // -1: a user without interactions
    int item;
    int tag;
    qint64 day = -1; // the day the tag was given (Julian day number); -1 when the file has no dates
};

// Interactions read for evaluation, with ids remapped to dense indices in order of first appearance.
struct Dataset {
    Interactions counts; // users × items, counts of repeated (user, item) rows added up
    std::vector<QByteArray> userIds; // the file's ids, by dense index
    std::vector<QByteArray> itemIds;
    std::vector<TagUse> tagUses; // from readTags; uses of items without interactions are left out
    int tagCount = 0;
    int tagUsesSkipped = 0; // tag uses of items that nobody listened to
};

// HetRec's user_artists.dat (a header line, then user, artist, weight) or a headerless user/item/count TSV:
// tab-separated, further columns ignored, blank lines skipped. A malformed row fails the whole read with the file
// and line ("user_artists.dat:17: the count 'x' is not a positive number").
Result<Dataset> readInteractions(const QString &path);

// HetRec's user_taggedartists.dat (columns found by the header's userID, artistID and tagID, and the day of each
// use from its day, month and year columns when the header names all three) or a headerless user/item/tag TSV,
// replacing `dataset`'s tags. On an error `dataset` is left as it was.
Result<void> readTags(const QString &path, Dataset &dataset);

} // namespace engine::recommend
