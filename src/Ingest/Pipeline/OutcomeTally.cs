using System.Collections.Concurrent;
using Ingest.Extraction;
using Ingest.Telemetry;

namespace Ingest.Pipeline;

/// <summary>What happened to one article in one handling.</summary>
public enum ArticleOutcomeKind
{
    /// <summary>A new record revision was stored.</summary>
    Stored,

    /// <summary>Fetched or re-parsed, and the content is what is stored already.</summary>
    Unchanged,

    /// <summary>The site answered 304 to a conditional GET: unchanged, and no body was transferred.</summary>
    NotModified,

    /// <summary>The page is gone (404/410).</summary>
    Gone,

    /// <summary>The page was fetched but is not an article.</summary>
    NotAnArticle,

    /// <summary>Refused by a rule (address, host, size) or an HTTP status retrying will not fix.</summary>
    Refused,

    /// <summary>A re-parse found nothing stored to parse.</summary>
    NotStored,

    /// <summary>A repeated ingest request whose page was fetched after the request was made: not fetched again.</summary>
    AlreadyDone,

    /// <summary>A copy of work a running host is doing right now: dropped, the other host's message carries it.</summary>
    Duplicate,
}

/// <summary>The recorded outcome of handling one article, with the configured source it belongs to when known.</summary>
/// <remarks><see cref="Failure"/>: for an outcome the fetch decided (gone, refused), the kind of fetch failure, e.g. "http-404", "robots-disallowed", "address-refused".</remarks>
/// <remarks><see cref="Run"/>: the discovery or re-parse run whose request this was, when it names one.</remarks>
public sealed record ArticleOutcome(ArticleOutcomeKind Kind, string ArticleId, string Url, string? Detail = null, int? Revision = null, string? Title = null, string? Source = null, string? Failure = null, string? Run = null);

/// <summary>
/// The one place outcomes are recorded: counts them for the current process (the local run summary reads them,
/// in total and per source) and feeds the same numbers to <see cref="IngestMetrics"/>, which the Functions app
/// exports, and to the <see cref="ActivityRecorder"/>, which stores them per run for the status page and the drift
/// check. Thread-safe: queue handlers run concurrently.
/// </summary>
public sealed class OutcomeTally(IngestMetrics metrics, ActivityRecorder activity)
{
    private const string IngestStage = "ingest";
    private const string ReparseStage = "reparse";

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Source, string Name), int> _bySource = new();
    private readonly ConcurrentDictionary<(string Source, ArticleField Field), int> _missing = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<string> _notes = new();
    private readonly ConcurrentQueue<ArticleOutcome> _stored = new();
    private readonly ConcurrentDictionary<(string Kind, bool Final), int> _fetchFailures = new();
    private int _inFlight;
    private int _handled;

    /// <summary>Messages handled to an end so far: an outcome, or a failure that sent them to a poison queue.</summary>
    public int Handled => Volatile.Read(ref _handled);

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

    /// <summary>Fetches that gave no page, by kind of failure ("timeout", "http-404", …) and whether they were final or retried.</summary>
    public IReadOnlyDictionary<(string Kind, bool Final), int> FetchFailures => _fetchFailures.ToDictionary();

    /// <summary>The sources anything was counted for, in name order.</summary>
    public IReadOnlyList<string> Sources =>
        _bySource.Keys.Select(k => k.Source).Concat(_missing.Keys.Select(k => k.Source)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The count of a name for one source, 0 when never counted.</summary>
    public int CountOf(string source, string name) => _bySource.TryGetValue((source, name), out var n) ? n : 0;

    /// <summary>How many extracted articles of a source lacked a field.</summary>
    public int MissingOf(string source, ArticleField field) => _missing.TryGetValue((source, field), out var n) ? n : 0;

    /// <summary>Counts a discovery of one source, in the run that started at <paramref name="started"/>.</summary>
    public void RecordDiscovery(SourceDiscovery result, string? run = null, DateTimeOffset? started = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        Add("discovered", result.Source, IngestStage, result.Enqueued, run, started);
        Add("known", result.Source, IngestStage, result.Known, run, started);
        if (result.Error is not null)
        {
            Add("failed", result.Source, IngestStage, 1, run);
            _failures.Enqueue($"discovery of {result.Source}: {result.Error}");
        }
    }

    /// <summary>Counts one article outcome.</summary>
    public void RecordOutcome(ArticleOutcome outcome, bool reparse)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var source = outcome.Source ?? IngestMetrics.UnknownSource;
        var stage = reparse ? ReparseStage : IngestStage;
        var run = outcome.Run;
        Interlocked.Increment(ref _handled);
        if (!reparse && outcome.Kind is ArticleOutcomeKind.Stored or ArticleOutcomeKind.Unchanged or ArticleOutcomeKind.NotAnArticle)
        {
            Add("fetched", source, stage, 1, run);
        }

        if (outcome.Kind is ArticleOutcomeKind.NotModified or ArticleOutcomeKind.AlreadyDone or ArticleOutcomeKind.Duplicate)
        {
            // Unchanged for every counter; the summary also shows how many cost the site only a 304.
            Add("unchanged", source, stage, 1, run);
        }

        Add(Name(outcome.Kind), source, stage, 1, run);
        if (outcome.Failure is { } failure)
        {
            FetchFailed(failure, source, final: true);
        }

        if (outcome.Kind == ArticleOutcomeKind.Stored)
        {
            _stored.Enqueue(outcome);
            activity.Stored(run, stage, source, outcome.ArticleId);
        }
        else if (outcome.Kind is not (ArticleOutcomeKind.Unchanged or ArticleOutcomeKind.NotModified))
        {
            _notes.Enqueue(outcome.Failure is { } kind ? $"{Name(outcome.Kind)} [{kind}]: {outcome.Url} ({outcome.Detail})" : $"{Name(outcome.Kind)}: {outcome.Url} ({outcome.Detail})");
        }
    }

    private long _extractionTicks;

    /// <summary>Time spent in extraction so far, summed over all handlers (they run concurrently).</summary>
    public TimeSpan ExtractionTime => TimeSpan.FromTicks(Interlocked.Read(ref _extractionTicks));

    /// <summary>
    /// Records one extraction: its duration, and each of title, authors, published date and body the article lacks
    /// (nothing for a page that is not an article: that is its own outcome); the run's coverage of every kept field.
    /// </summary>
    public void RecordExtraction(string source, string? run, bool reparse, TimeSpan duration, ExtractionOutcome extraction)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(extraction);
        Interlocked.Add(ref _extractionTicks, duration.Ticks);
        metrics.Extracted(source, reparse ? ReparseStage : IngestStage, duration);
        activity.Extracted(run, reparse ? ReparseStage : IngestStage, source, extraction);
        if (extraction.Article is not { } article)
        {
            return;
        }

        Missing(source, ArticleField.Title, string.IsNullOrWhiteSpace(article.Title));
        Missing(source, ArticleField.Authors, article.Authors.IsDefaultOrEmpty);
        Missing(source, ArticleField.Published, article.Published is null);
        Missing(source, ArticleField.Body, article.Body.IsDefaultOrEmpty);
    }

    /// <summary>Counts a message whose last attempt failed: it goes to the poison queue. <paramref name="fetchFailure"/>: the kind, when a fetch failed.</summary>
    public void RecordFinalFailure(string queue, string reason, string? source = null, bool reparse = false, string? fetchFailure = null, string? run = null)
    {
        Interlocked.Increment(ref _handled);
        Add("failed", source ?? IngestMetrics.UnknownSource, reparse ? ReparseStage : IngestStage, 1, run);
        _failures.Enqueue(fetchFailure is null ? $"{queue}: {reason}" : $"{queue}: [{fetchFailure}] {reason}");
        if (fetchFailure is not null)
        {
            FetchFailed(fetchFailure, source ?? IngestMetrics.UnknownSource, final: true);
        }
    }

    /// <summary>Counts an attempt that failed and will be retried. <paramref name="fetchFailure"/>: the kind, when a fetch failed.</summary>
    public void RecordRetry(string? source = null, bool reparse = false, string? fetchFailure = null)
    {
        Add("retried", source ?? IngestMetrics.UnknownSource, reparse ? ReparseStage : IngestStage);
        if (fetchFailure is not null)
        {
            FetchFailed(fetchFailure, source ?? IngestMetrics.UnknownSource, final: false);
        }
    }

    private void FetchFailed(string kind, string source, bool final)
    {
        _fetchFailures.AddOrUpdate((kind, final), 1, (_, n) => n + 1);
        metrics.FetchFailed(source, kind, final);
    }

    /// <summary>Marks the start of handling a message; dispose the result at its end.</summary>
    public IDisposable Begin()
    {
        Interlocked.Increment(ref _inFlight);
        return new InFlightScope(this);
    }

    // Totals and per-source counts keep the summary's names ("reparse-stored" for a re-parse); the meter gets the
    // plain name with the stage as a tag.
    private void Add(string name, string source, string stage, int n = 1, string? run = null, DateTimeOffset? at = null)
    {
        activity.Count(run, stage, source, name, n, at);
        var key = stage == ReparseStage && name is not ("retried" or "failed") ? "reparse-" + name : name;
        _counts.AddOrUpdate(key, n, (_, old) => old + n);
        _bySource.AddOrUpdate((source, key), n, (_, old) => old + n);
        metrics.Count(name, source, stage, n);
    }

    private void Missing(string source, ArticleField field, bool missing)
    {
        if (missing)
        {
            _missing.AddOrUpdate((source, field), 1, (_, old) => old + 1);
            metrics.FieldMissing(source, field);
        }
    }

    private static string Name(ArticleOutcomeKind kind) => kind switch
    {
        ArticleOutcomeKind.Stored => "stored",
        ArticleOutcomeKind.Unchanged => "unchanged",
        ArticleOutcomeKind.NotModified => "not-modified",
        ArticleOutcomeKind.Gone => "gone",
        ArticleOutcomeKind.NotAnArticle => "not-an-article",
        ArticleOutcomeKind.Refused => "refused",
        ArticleOutcomeKind.NotStored => "not-stored",
        ArticleOutcomeKind.AlreadyDone => "already-done",
        ArticleOutcomeKind.Duplicate => "duplicate",
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
