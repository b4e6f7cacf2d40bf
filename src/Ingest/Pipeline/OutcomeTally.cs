using System.Collections.Concurrent;
using Ingest.Discovery;

namespace Ingest.Pipeline;

/// <summary>What happened to one article in one handling.</summary>
public enum ArticleOutcomeKind
{
    /// <summary>A new record revision was stored.</summary>
    Stored,

    /// <summary>Fetched or re-parsed, and the content is what is stored already.</summary>
    Unchanged,

    /// <summary>The page is gone (404/410).</summary>
    Gone,

    /// <summary>The page was fetched but is not an article.</summary>
    NotAnArticle,

    /// <summary>Refused by a rule (address, host, size) or an HTTP status retrying will not fix.</summary>
    Refused,

    /// <summary>A re-parse found nothing stored to parse.</summary>
    NotStored,
}

/// <summary>The recorded outcome of handling one article.</summary>
public sealed record ArticleOutcome(ArticleOutcomeKind Kind, string ArticleId, string Url, string? Detail = null, int? Revision = null, string? Title = null);

/// <summary>
/// Counts outcomes for the current process: the local run summary reads it, and it is where per-site counters live.
/// Thread-safe: queue handlers run concurrently.
/// </summary>
public sealed class OutcomeTally
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<string> _notes = new();
    private readonly ConcurrentQueue<ArticleOutcome> _stored = new();
    private int _inFlight;

    /// <summary>Messages being handled right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The count of a name ("discovered", "stored", …), 0 when never counted.</summary>
    public int this[string name] => _counts.TryGetValue(name, out var n) ? n : 0;

    /// <summary>Failures that ended a message's last attempt, and discovery failures, with their reasons.</summary>
    public IReadOnlyCollection<string> Failures => _failures.ToArray();

    /// <summary>Expected non-success outcomes with their reasons (gone, refused, not an article).</summary>
    public IReadOnlyCollection<string> Notes => _notes.ToArray();

    /// <summary>The outcomes that stored a new revision, in the order they happened.</summary>
    public IReadOnlyCollection<ArticleOutcome> Stored => _stored.ToArray();

    /// <summary>Counts a discovery of one source.</summary>
    public void RecordDiscovery(SourceDiscovery result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Add("discovered", result.Enqueued);
        Add("known", result.Known);
        if (result.Error is not null)
        {
            Add("failed");
            _failures.Enqueue($"discovery of {result.Source}: {result.Error}");
        }
    }

    /// <summary>Counts one article outcome.</summary>
    public void RecordOutcome(ArticleOutcome outcome, bool reparse)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!reparse && outcome.Kind is ArticleOutcomeKind.Stored or ArticleOutcomeKind.Unchanged or ArticleOutcomeKind.NotAnArticle)
        {
            Add("fetched");
        }

        Add(reparse ? "reparse-" + Name(outcome.Kind) : Name(outcome.Kind));
        if (outcome.Kind == ArticleOutcomeKind.Stored)
        {
            _stored.Enqueue(outcome);
        }
        else if (outcome.Kind != ArticleOutcomeKind.Unchanged)
        {
            _notes.Enqueue($"{Name(outcome.Kind)}: {outcome.Url} ({outcome.Detail})");
        }
    }

    /// <summary>Counts a message whose last attempt failed: it goes to the poison queue.</summary>
    public void RecordFinalFailure(string queue, string reason)
    {
        Add("failed");
        _failures.Enqueue($"{queue}: {reason}");
    }

    /// <summary>Counts an attempt that failed and will be retried.</summary>
    public void RecordRetry() => Add("retried");

    /// <summary>Marks the start of handling a message; dispose the result at its end.</summary>
    public IDisposable Begin()
    {
        Interlocked.Increment(ref _inFlight);
        return new InFlightScope(this);
    }

    private void Add(string name, int n = 1) => _counts.AddOrUpdate(name, n, (_, old) => old + n);

    private static string Name(ArticleOutcomeKind kind) => kind switch
    {
        ArticleOutcomeKind.Stored => "stored",
        ArticleOutcomeKind.Unchanged => "unchanged",
        ArticleOutcomeKind.Gone => "gone",
        ArticleOutcomeKind.NotAnArticle => "not-an-article",
        ArticleOutcomeKind.Refused => "refused",
        ArticleOutcomeKind.NotStored => "not-stored",
        _ => kind.ToString(),
    };

    private sealed class InFlightScope(OutcomeTally tally) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref tally._inFlight);
            }
        }
    }
}
