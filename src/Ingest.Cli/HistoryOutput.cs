using System.Globalization;
using Ingest.Records;
using Ingest.Status;
using Ingest.Storage;

namespace Ingest.Cli;

/// <summary>What <c>ingest show ID --history</c> and <c>--diff A B</c> print: a record's revisions and what changed.</summary>
internal static class HistoryOutput
{
    /// <summary>One line per revision: number, reason, when, parser, and the article fields that changed from the one before.</summary>
    public static async Task<int> WriteHistoryAsync(ArticleStore store, ArticleId id, TextWriter output, CancellationToken cancellationToken)
    {
        var rows = await RevisionHistory.ReadAsync(store, id, cancellationToken);
        if (rows.Count == 0)
        {
            await Console.Error.WriteLineAsync($"ingest: no record is stored for {id}.");
            return 1;
        }

        await output.WriteLineAsync($"{"rev",4}  {"reason",-11} {"extracted (UTC)",-20} {"parser",-7} changed");
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{row.Number,4}  {row.Reason,-11} {row.ExtractedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {row.ParserVersion,-7} {row.ChangedText}"));
        }

        return 0;
    }

    /// <summary>Each article field that differs between revisions <paramref name="from"/> and <paramref name="to"/>, both sides as JSON.</summary>
    public static async Task<int> WriteDiffAsync(ArticleStore store, ArticleId id, int from, int to, TextWriter output, CancellationToken cancellationToken)
    {
        var before = await store.GetRevisionAsync(id, from, cancellationToken);
        var after = await store.GetRevisionAsync(id, to, cancellationToken);
        if (before is null || after is null)
        {
            await Console.Error.WriteLineAsync($"ingest: article {id} has no revision {(before is null ? from : to)}.");
            return 1;
        }

        var changes = RecordDiff.Changes(before, after);
        if (changes.Count == 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"revisions {from} and {to} of {id}: the same article"));
            return 0;
        }

        foreach (var change in changes)
        {
            await output.WriteLineAsync($"{change.Field}:");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  - {from}: {change.Before ?? "(absent)"}"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  + {to}: {change.After ?? "(absent)"}"));
        }

        return 0;
    }
}
