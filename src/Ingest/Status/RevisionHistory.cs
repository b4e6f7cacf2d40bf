using Ingest.Records;
using Ingest.Storage;

namespace Ingest.Status;

/// <summary>One revision of a record: number, why it was made, when, by which parser, and which article fields changed from the one before.</summary>
/// <param name="Number">The revision number, from 1.</param>
/// <param name="Reason">Why it was made (FirstFetch, PageChanged, Reparse).</param>
/// <param name="ExtractedAt">When it was extracted.</param>
/// <param name="ParserVersion">The parser that made it.</param>
/// <param name="First">True for the first revision.</param>
/// <param name="Changed">The changed fields; empty for the first revision or when only the parser or page bytes changed.</param>
public sealed record RevisionRow(int Number, string Reason, DateTimeOffset ExtractedAt, string ParserVersion, bool First, IReadOnlyList<string> Changed)
{
    /// <summary>The changes in words.</summary>
    public string ChangedText => First ? "(first)" : Changed.Count > 0 ? string.Join(", ", Changed) : "(nothing in the article: parser or page bytes only)";
}

/// <summary>Reads a record's revisions, for <c>ingest show --history</c> and the status page.</summary>
public static class RevisionHistory
{
    /// <summary>The revisions of an article, oldest first; empty when none is stored.</summary>
    public static async Task<IReadOnlyList<RevisionRow>> ReadAsync(ArticleStore store, ArticleId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<RevisionRow>();
        ArticleRecord? previous = null;
        foreach (var number in await store.ListRevisionsAsync(id, cancellationToken))
        {
            if (await store.GetRevisionAsync(id, number, cancellationToken) is not { } record)
            {
                continue;
            }

            var changed = previous is null ? [] : RecordDiff.Changes(previous, record).Select(c => c.Field).ToList();
            rows.Add(new RevisionRow(number, record.Provenance.Reason.ToString(), record.Provenance.ExtractedAt, record.ParserVersion, previous is null, changed));
            previous = record;
        }

        return rows;
    }
}
