using Ingest.Records;
using Ingest.Storage;
using Microsoft.Extensions.Logging;

namespace Ingest.Pipeline;

/// <summary>What a caller of <see cref="RevisionWriter"/> wants, given the article's current revision.</summary>
public readonly record struct RevisionProposal
{
    private RevisionProposal(ArticleRecord? next, ArticleOutcome? stop) => (Next, Stop) = (next, stop);

    /// <summary>The record to store as the next revision.</summary>
    public ArticleRecord? Next { get; }

    /// <summary>The outcome to end with, writing nothing.</summary>
    public ArticleOutcome? Stop { get; }

    /// <summary>Store this record as the next revision, unless its content equals the current one.</summary>
    public static RevisionProposal Write(ArticleRecord next) => new(next ?? throw new ArgumentNullException(nameof(next)), null);

    /// <summary>Write nothing and end with this outcome.</summary>
    public static RevisionProposal Done(ArticleOutcome outcome) => new(null, outcome ?? throw new ArgumentNullException(nameof(outcome)));
}

/// <summary>The current revision as a caller read it (<see cref="Current"/> null: none was stored).</summary>
public sealed record CurrentRead(StoredRecord? Current);

/// <summary>How a <see cref="RevisionWriter.WriteAsync"/> ended.</summary>
/// <param name="Written">The revision written, when one was.</param>
/// <param name="Same">The current revision, when the proposed content equals it (nothing written).</param>
/// <param name="Stopped">The outcome the proposal ended with, when it wrote nothing.</param>
public sealed record RevisionResult(ArticleRecord? Written, StoredRecord? Same, ArticleOutcome? Stopped);

/// <summary>
/// The one writer of record revisions, for ingest and re-parse alike. Reads the current revision, asks the caller
/// what to store, writes nothing when the content hash equals the current one, and otherwise stores the next revision
/// with <c>If-Match</c> on the current one (see <see cref="ArticleStore.SaveRevisionAsync"/>). When another writer
/// got there first it reads again and asks again, so a proposal is always made against the revision it replaces.
/// </summary>
public sealed partial class RevisionWriter(ArticleStore store, ILogger<RevisionWriter> logger)
{
    private const int MaxWriteAttempts = 5;

    /// <summary>
    /// Writes the next revision of <paramref name="id"/> as <paramref name="propose"/> decides. A caller that has just
    /// read the current revision passes it as <paramref name="readBefore"/> (null inside: none was stored) and saves
    /// the first read; if it is stale, the conditional write fails and the writer reads again as after any conflict.
    /// </summary>
    public async Task<RevisionResult> WriteAsync(ArticleId id, Func<StoredRecord?, CancellationToken, Task<RevisionProposal>> propose, CancellationToken cancellationToken, CurrentRead? readBefore = null)
    {
        ArgumentNullException.ThrowIfNull(propose);
        for (var attempt = 1; ; attempt++)
        {
            var current = attempt == 1 && readBefore is { } known ? known.Current : await store.GetCurrentAsync(id, cancellationToken);
            var proposal = await propose(current, cancellationToken);
            if (proposal.Stop is { } stop)
            {
                return new RevisionResult(null, null, stop);
            }

            var next = proposal.Next!;
            if (current is not null && string.Equals(current.Record.ContentHash, next.ContentHash, StringComparison.Ordinal))
            {
                return new RevisionResult(null, current, null);
            }

            try
            {
                await store.SaveRevisionAsync(next, current, cancellationToken);
                return new RevisionResult(next, null, null);
            }
            catch (RecordConflictException) when (attempt < MaxWriteAttempts)
            {
                Log.WriteConflict(logger, id.ToString(), attempt);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Another writer changed article {ArticleId} during attempt {Attempt}; reading it again")]
        public static partial void WriteConflict(ILogger logger, string articleId, int attempt);
    }
}
