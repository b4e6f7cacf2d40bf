using System.Collections.Immutable;
using Ingest.Extraction;
using Ingest.Storage;
using Microsoft.Extensions.Logging;

namespace Ingest.Pipeline;

/// <summary>
/// Gathers what this host counts (through <see cref="OutcomeTally"/>) per run, stage and source, and appends it to
/// the <see cref="ActivityLog"/> on each flush: every <see cref="FlushInterval"/> from the heartbeat, when a host
/// stops, and at the end of <c>ingest run --once</c>. A flush that fails keeps its counts for the next one.
/// </summary>
public sealed partial class ActivityRecorder(ActivityLog log, HostIdentity self, TimeProvider time, ILogger<ActivityRecorder> logger)
{
    /// <summary>How often a host appends what it counted.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private Dictionary<(string Run, string Stage, string Source), Bucket> _pending = [];
    private DateTimeOffset _lastFlush = time.GetUtcNow();
    private bool _failing;

    /// <summary>Counts <paramref name="n"/> of a name; <paramref name="at"/> when it happened, default now.</summary>
    public void Count(string? run, string stage, string source, string name, int n = 1, DateTimeOffset? at = null)
    {
        lock (_lock)
        {
            var bucket = BucketOf(run, stage, source, at ?? time.GetUtcNow());
            bucket.Counts[name] = bucket.Counts.GetValueOrDefault(name) + n;
        }
    }

    /// <summary>Notes an article that got a new revision, for the status page's recent articles.</summary>
    public void Stored(string? run, string stage, string source, string articleId)
    {
        lock (_lock)
        {
            var recent = BucketOf(run, stage, source, time.GetUtcNow()).Recent;
            recent.Enqueue(articleId);
            while (recent.Count > ActivityEntry.RecentKept)
            {
                recent.Dequeue();
            }
        }
    }

    /// <summary>Counts one extracted page: which fields it has, and which of its site profile's rules matched nothing.</summary>
    public void Extracted(string? run, string stage, string source, ExtractionOutcome extraction)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        if (extraction.Article is not { } article)
        {
            return;
        }

        lock (_lock)
        {
            var bucket = BucketOf(run, stage, source, time.GetUtcNow());
            bucket.Pages++;
            foreach (var field in ActivityEntry.Fields.Where(f => Has(article, f)))
            {
                bucket.Present[field] = bucket.Present.GetValueOrDefault(field) + 1;
            }

            if (extraction.Profile is not null)
            {
                bucket.ProfilePages++;
                foreach (var field in extraction.ProfileDrift)
                {
                    bucket.ProfileMissed[field] = bucket.ProfileMissed.GetValueOrDefault(field) + 1;
                }
            }
        }
    }

    /// <summary>Appends what was counted since the last flush; on a storage failure the counts wait for the next one.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            Dictionary<(string Run, string Stage, string Source), Bucket> taken;
            lock (_lock)
            {
                (taken, _pending) = (_pending, []);
                _lastFlush = time.GetUtcNow();
            }

            if (taken.Count == 0)
            {
                return;
            }

            var entries = taken.Select(p => p.Value.ToEntry(p.Key.Run, p.Key.Stage, p.Key.Source, self.HostId)).ToList();
            try
            {
                await log.AppendAsync(self.HostId, time.GetUtcNow(), entries, cancellationToken);
                if (_failing)
                {
                    _failing = false;
                    Log.Recovered(logger);
                }
            }
            catch (Exception ex) when (TriggerHandler.IsTransient(ex))
            {
                lock (_lock)
                {
                    foreach (var (key, bucket) in taken)
                    {
                        _pending[key] = _pending.TryGetValue(key, out var newer) ? bucket.Merge(newer) : bucket;
                    }
                }

                if (!_failing)
                {
                    _failing = true;
                    Log.Failing(logger, ex.Message.ReplaceLineEndings(" "));
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>Flushes when <see cref="FlushInterval"/> has passed since the last flush.</summary>
    public Task FlushIfDueAsync(CancellationToken cancellationToken) =>
        time.GetUtcNow() - _lastFlush >= FlushInterval ? FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>True when the article has the field.</summary>
    public static bool Has(Article article, string field)
    {
        ArgumentNullException.ThrowIfNull(article);
        return field switch
        {
            "title" => !string.IsNullOrWhiteSpace(article.Title),
            "authors" => !article.Authors.IsDefaultOrEmpty,
            "published" => article.Published is not null,
            "section" => !string.IsNullOrWhiteSpace(article.Section),
            "language" => !string.IsNullOrWhiteSpace(article.Language),
            "body" => !article.Body.IsDefaultOrEmpty,
            "images" => !article.Images.IsDefaultOrEmpty,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a field whose coverage is kept"),
        };
    }

    private Bucket BucketOf(string? run, string stage, string source, DateTimeOffset at)
    {
        var key = (run ?? ActivityEntry.NoRun, stage, source);
        if (!_pending.TryGetValue(key, out var bucket))
        {
            _pending[key] = bucket = new Bucket { First = at, Last = at };
        }

        bucket.First = at < bucket.First ? at : bucket.First;
        bucket.Last = at > bucket.Last ? at : bucket.Last;
        return bucket;
    }

    private sealed class Bucket
    {
        public DateTimeOffset First { get; set; }

        public DateTimeOffset Last { get; set; }

        public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public int Pages { get; set; }

        public Dictionary<string, int> Present { get; } = new(StringComparer.Ordinal);

        public int ProfilePages { get; set; }

        public Dictionary<string, int> ProfileMissed { get; } = new(StringComparer.Ordinal);

        public Queue<string> Recent { get; } = new();

        public Bucket Merge(Bucket other)
        {
            First = other.First < First ? other.First : First;
            Last = other.Last > Last ? other.Last : Last;
            Pages += other.Pages;
            ProfilePages += other.ProfilePages;
            foreach (var (into, from) in new[] { (Counts, other.Counts), (Present, other.Present), (ProfileMissed, other.ProfileMissed) })
            {
                foreach (var (name, n) in from)
                {
                    into[name] = into.GetValueOrDefault(name) + n;
                }
            }

            foreach (var id in other.Recent)
            {
                Recent.Enqueue(id);
            }

            while (Recent.Count > ActivityEntry.RecentKept)
            {
                Recent.Dequeue();
            }

            return this;
        }

        public ActivityEntry ToEntry(string run, string stage, string source, string host) => new(
            run, stage, source, host, First, Last,
            Counts.ToImmutableSortedDictionary(StringComparer.Ordinal), Pages,
            Present.ToImmutableSortedDictionary(StringComparer.Ordinal), ProfilePages,
            ProfileMissed.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. Recent]);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "The activity counts cannot be stored (they are kept and stored with the next flush): {Reason}")]
        public static partial void Failing(ILogger logger, string reason);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "The activity counts are stored again")]
        public static partial void Recovered(ILogger logger);
    }
}
