using System.Collections.Immutable;
using Ingest.Storage;

namespace Ingest.Status;

/// <summary>
/// When a source has drifted (pure: activity entries in, alarms out). A run of a source drifted when, over its
/// fetched pages, the share with some field fell <see cref="Drop"/> or more below the source's level over the
/// <see cref="Trailing"/> days before the run, with at least <see cref="MinPages"/> pages on each side; or when a
/// field's site profile rules matched on a share that fell as much, or matched on none of at least
/// <see cref="MinPages"/> pages where there is no history to compare with.
/// </summary>
public static class DriftRule
{
    /// <summary>The fall in share that raises an alarm: 20 points.</summary>
    public const double Drop = 0.20;

    /// <summary>Pages needed on each side.</summary>
    public const int MinPages = 5;

    /// <summary>The window a run is compared with.</summary>
    public static readonly TimeSpan Trailing = TimeSpan.FromDays(7);

    /// <summary>Runs started this long ago or less are judged; older ones were judged when they were recent.</summary>
    public static readonly TimeSpan Judged = TimeSpan.FromDays(1);

    /// <summary>The alarms of the runs started in the last <see cref="Judged"/> before <paramref name="now"/>.</summary>
    public static IReadOnlyList<DriftAlarm> Evaluate(IReadOnlyCollection<ActivityEntry> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var alarms = new List<DriftAlarm>();
        foreach (var source in entries.Where(e => e.Stage == ActivityViews.IngestStage).Select(e => e.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var runs = ActivityViews.SourceRuns(entries, source);
            foreach (var (run, started, coverage) in runs.Where(r => r.Started >= now - Judged && r.Coverage.Pages >= MinPages))
            {
                var before = runs.Where(r => r.Started < started && r.Started >= started - Trailing).Select(r => r.Run).ToHashSet(StringComparer.Ordinal);
                var baseline = Coverage.Of(entries.Where(e => e.Stage == ActivityViews.IngestStage && e.Source == source && before.Contains(e.Run)));
                var drops = Judge(coverage, baseline);
                if (!drops.IsEmpty)
                {
                    alarms.Add(new DriftAlarm(source, run, started, now, drops));
                }
            }
        }

        return alarms;
    }

    /// <summary>The fields of a run that fell against its baseline.</summary>
    public static ImmutableArray<FieldDrop> Judge(Coverage run, Coverage baseline)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(baseline);
        var drops = ImmutableArray.CreateBuilder<FieldDrop>();
        if (run.Pages >= MinPages && baseline.Pages >= MinPages)
        {
            foreach (var field in ActivityEntry.Fields)
            {
                if (baseline.Share(field) is { } was && run.Share(field) is { } now && was - now >= Drop - 1e-9)
                {
                    drops.Add(new FieldDrop(field, "coverage", Math.Round(was, 3), Math.Round(now, 3), baseline.Pages, run.Pages));
                }
            }
        }

        if (run.ProfilePages >= MinPages)
        {
            foreach (var field in run.ProfileMissed.Keys)
            {
                var now = run.ProfileShare(field)!.Value;
                if (baseline.ProfilePages >= MinPages)
                {
                    if (baseline.ProfileShare(field) is { } was && was - now >= Drop - 1e-9)
                    {
                        drops.Add(new FieldDrop(field, "profile", Math.Round(was, 3), Math.Round(now, 3), baseline.ProfilePages, run.ProfilePages));
                    }
                }
                else if (now == 0)
                {
                    drops.Add(new FieldDrop(field, "profile", null, 0, baseline.ProfilePages, run.ProfilePages));
                }
            }
        }

        return drops.ToImmutable();
    }
}
