using System.Collections.Immutable;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Sources;
using Ingest.Storage;
using Microsoft.Extensions.Options;

namespace Ingest.Status;

/// <summary>One source on the status page.</summary>
/// <param name="Name">The source.</param>
/// <param name="Stored">New revisions stored over the window (ingest and re-parse).</param>
/// <param name="Pages">Pages fetched and extracted over the window.</param>
/// <param name="LastSuccess">The last time a page of it was stored or found unchanged, when in the window.</param>
/// <param name="Coverage">Its coverage over the window (fetched pages).</param>
/// <param name="Daily">Its coverage on each day of the window, oldest first.</param>
/// <param name="Alarm">Its latest drift alarm, while no later run of it has judged clean.</param>
public sealed record SourceStatus(string Name, int Stored, int Pages, DateTimeOffset? LastSuccess, Coverage Coverage, IReadOnlyList<(DateOnly Day, Coverage Coverage)> Daily, DriftAlarm? Alarm);

/// <summary>A poison queue: how many messages it holds, and the latest reasons.</summary>
public sealed record PoisonStatus(string Queue, int Count, IReadOnlyList<FailureRecord> Latest);

/// <summary>An article stored lately.</summary>
public sealed record RecentArticle(string Id, string Source, string? Title, DateTimeOffset? Published, int Revisions, DateTimeOffset ExtractedAt);

/// <summary>What the status page and <c>ingest status</c> show.</summary>
/// <param name="At">When it was read.</param>
/// <param name="Days">The window, in days, ending today.</param>
/// <param name="Runs">The latest runs, newest first.</param>
/// <param name="Sources">Every configured source, and any other the window saw.</param>
/// <param name="Alarms">The drift alarms raised in the window, newest first.</param>
/// <param name="Poison">The poison queues.</param>
/// <param name="Articles">The articles stored lately, newest first.</param>
public sealed record StatusReport(DateTimeOffset At, int Days, IReadOnlyList<RunView> Runs, IReadOnlyList<SourceStatus> Sources, IReadOnlyList<DriftAlarm> Alarms, IReadOnlyList<PoisonStatus> Poison, IReadOnlyList<RecentArticle> Articles);

/// <summary>Reads the <see cref="StatusReport"/> from storage: the activity log, the alarms, the poison queues and the records.</summary>
public sealed class StatusReader(ActivityLog activity, DriftAlarms alarms, PoisonQueues poison, FailureRecords failures, ArticleStore store, IOptions<IngestOptions> options, TimeProvider time)
{
    /// <summary>Days the page looks back.</summary>
    public const int Window = 14;

    /// <summary>Runs shown.</summary>
    public const int RunsShown = 10;

    /// <summary>Recent articles shown.</summary>
    public const int ArticlesShown = 20;

    /// <summary>Reads the report.</summary>
    public async Task<StatusReport> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(1 - Window);
        var entries = await activity.ReadAsync(first, today, cancellationToken);
        var raised = (await alarms.ListAsync(first.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), cancellationToken))
            .OrderByDescending(a => a.RunStarted).ToList();

        var names = ConfiguredSources().Concat(entries.Select(e => e.Source)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var sources = names.Select(name => SourceOf(name, entries, raised, today)).ToList();

        var poisoned = new List<PoisonStatus>();
        foreach (var queue in QueueNames.Work)
        {
            var count = await poison.CountAsync(queue, cancellationToken);
            var latest = new List<FailureRecord>();
            foreach (var message in count == 0 ? [] : await poison.PeekAsync(queue, cancellationToken))
            {
                if (message.Bytes is { } bytes && await failures.GetAsync(QueueNames.PoisonOf(queue), bytes, cancellationToken) is { } record)
                {
                    latest.Add(record);
                }
            }

            poisoned.Add(new PoisonStatus(QueueNames.PoisonOf(queue), count, [.. latest.OrderByDescending(r => r.FailedAt).Take(5)]));
        }

        return new StatusReport(now, Window, [.. ActivityViews.Runs(entries).Take(RunsShown)], sources, raised, poisoned, await RecentAsync(entries, cancellationToken));
    }

    // The page shows what was stored even where the sources are not configured (a tool's settings) or not valid.
    private IEnumerable<string> ConfiguredSources()
    {
        try
        {
            return options.Value.Sources.Select(s => s.Name).ToList();
        }
        catch (OptionsValidationException)
        {
            return [];
        }
    }

    private static SourceStatus SourceOf(string name, IReadOnlyList<ActivityEntry> entries, IReadOnlyList<DriftAlarm> raised, DateOnly today)
    {
        var own = entries.Where(e => e.Source == name).ToList();
        var fetched = own.Where(e => e.Stage == ActivityViews.IngestStage).ToList();
        var success = own.Where(e => e.Count("stored") + e.Count("unchanged") > 0).Select(e => (DateTimeOffset?)e.Last).DefaultIfEmpty(null).Max();

        // An alarm holds until a later run of the source with enough pages is judged clean.
        var alarm = raised.Where(a => a.Source == name).MaxBy(a => a.RunStarted);
        if (alarm is not null && ActivityViews.SourceRuns(entries, name).Any(r => r.Started > alarm.RunStarted && r.Coverage.Pages >= DriftRule.MinPages && !raised.Any(a => a.Source == name && a.Run == r.Run)))
        {
            alarm = null;
        }

        return new SourceStatus(name, own.Sum(e => e.Count("stored")), fetched.Sum(e => e.Pages), success, Coverage.Of(fetched), ActivityViews.Daily(own, name, today, Window), alarm);
    }

    private async Task<IReadOnlyList<RecentArticle>> RecentAsync(IReadOnlyList<ActivityEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.OrderByDescending(e => e.Last)
            .SelectMany(e => (e.Recent.IsDefault ? [] : e.Recent).Reverse())
            .Distinct(StringComparer.Ordinal)
            .Take(ArticlesShown);
        var articles = new List<RecentArticle>();
        foreach (var id in ids)
        {
            if (ArticleId.TryParse(id, out var parsed) && await store.GetCurrentAsync(parsed, cancellationToken) is { } current)
            {
                var record = current.Record;
                articles.Add(new RecentArticle(id, record.Source, record.Article.Title, record.Article.Published, record.Provenance.Revision, record.Provenance.ExtractedAt));
            }
        }

        return [.. articles.OrderByDescending(a => a.ExtractedAt)];
    }
}
