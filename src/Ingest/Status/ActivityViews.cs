using System.Collections.Immutable;
using Ingest.Storage;

namespace Ingest.Status;

/// <summary>One run as the activity log tells it, summed over hosts, stages and sources.</summary>
/// <param name="Run">The run id, or <see cref="ActivityEntry.NoRun"/> plus the day for work no run started.</param>
/// <param name="Kind"><c>discovery</c>, <c>reparse</c>, or <c>manual</c> (enqueued by hand).</param>
/// <param name="Started">The first thing counted in it.</param>
/// <param name="Last">The last thing counted in it.</param>
/// <param name="Counts">Counts by name over its sources.</param>
/// <param name="Sources">The sources it touched.</param>
public sealed record RunView(string Run, string Kind, DateTimeOffset Started, DateTimeOffset Last, ImmutableSortedDictionary<string, int> Counts, ImmutableArray<string> Sources)
{
    /// <summary>How long it ran, from its first to its last count.</summary>
    public TimeSpan Took => Last - Started;

    /// <summary>The count of a name, 0 when never counted.</summary>
    public int Count(string name) => Counts.TryGetValue(name, out var n) ? n : 0;
}

/// <summary>How many of a set of extracted pages had each field.</summary>
/// <param name="Pages">Pages extracted into an article.</param>
/// <param name="Present">Pages with each field.</param>
/// <param name="ProfilePages">Pages read with a site profile.</param>
/// <param name="ProfileMissed">Pages where a profile field's rules matched nothing, by field.</param>
public sealed record Coverage(int Pages, ImmutableSortedDictionary<string, int> Present, int ProfilePages, ImmutableSortedDictionary<string, int> ProfileMissed)
{
    /// <summary>No pages.</summary>
    public static Coverage Empty { get; } = new(0, ImmutableSortedDictionary<string, int>.Empty, 0, ImmutableSortedDictionary<string, int>.Empty);

    /// <summary>The share of pages with the field, 0–1; null with no pages.</summary>
    public double? Share(string field) => Pages == 0 ? null : (double)Present.GetValueOrDefault(field) / Pages;

    /// <summary>The share of profile pages where the field's rules matched, 0–1; null with no profile pages.</summary>
    public double? ProfileShare(string field) => ProfilePages == 0 ? null : 1 - ((double)ProfileMissed.GetValueOrDefault(field) / ProfilePages);

    /// <summary>The coverage of the entries' pages together.</summary>
    public static Coverage Of(IEnumerable<ActivityEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        int pages = 0, profilePages = 0;
        var present = new Dictionary<string, int>(StringComparer.Ordinal);
        var missed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            pages += entry.Pages;
            profilePages += entry.ProfilePages;
            Add(present, entry.Present);
            Add(missed, entry.ProfileMissed);
        }

        return new Coverage(pages, present.ToImmutableSortedDictionary(StringComparer.Ordinal), profilePages, missed.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    private static void Add(Dictionary<string, int> into, IReadOnlyDictionary<string, int>? from)
    {
        foreach (var (name, n) in from ?? ImmutableSortedDictionary<string, int>.Empty)
        {
            into[name] = into.GetValueOrDefault(name) + n;
        }
    }
}

/// <summary>Reads runs and coverage out of activity entries (pure: the entries in, views out).</summary>
public static class ActivityViews
{
    /// <summary>The stage whose pages coverage and drift are judged on: fetched pages, as the sites serve them now.</summary>
    public const string IngestStage = "ingest";

    /// <summary>The runs, newest first.</summary>
    public static IReadOnlyList<RunView> Runs(IEnumerable<ActivityEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries
            .GroupBy(e => e.Run == ActivityEntry.NoRun ? $"{ActivityEntry.NoRun}{e.First.UtcDateTime:yyyy-MM-dd}" : e.Run, StringComparer.Ordinal)
            .Select(g =>
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var (name, n) in g.SelectMany(e => e.Counts ?? ImmutableSortedDictionary<string, int>.Empty))
                {
                    counts[name] = counts.GetValueOrDefault(name) + n;
                }

                var kind = g.First().Run == ActivityEntry.NoRun ? "manual"
                    : g.Any(e => e.Stage == IngestStage) ? "discovery" : "reparse";
                return new RunView(g.Key, kind, g.Min(e => e.First), g.Max(e => e.Last), counts.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. g.Select(e => e.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
            })
            .OrderByDescending(r => r.Started)
            .ToList();
    }

    /// <summary>A source's coverage on each day of the window ending <paramref name="today"/>, oldest first (ingest stage).</summary>
    public static IReadOnlyList<(DateOnly Day, Coverage Coverage)> Daily(IEnumerable<ActivityEntry> entries, string source, DateOnly today, int days)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byDay = entries
            .Where(e => e.Stage == IngestStage && e.Source == source && e.Pages > 0)
            .GroupBy(e => DateOnly.FromDateTime(e.Last.UtcDateTime))
            .ToDictionary(g => g.Key, Coverage.Of);
        return [.. Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1)).Select(day => (day, byDay.GetValueOrDefault(day) ?? Coverage.Empty))];
    }

    /// <summary>Each run of a source in the ingest stage with its start and coverage, oldest first (work no run started is left out).</summary>
    public static IReadOnlyList<(string Run, DateTimeOffset Started, Coverage Coverage)> SourceRuns(IEnumerable<ActivityEntry> entries, string source)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var all = entries.ToList();

        // A run starts at its discovery, which counts under the run too (with no pages).
        var starts = all.Where(e => e.Run != ActivityEntry.NoRun).GroupBy(e => e.Run, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(e => e.First), StringComparer.Ordinal);
        return [.. all
            .Where(e => e.Stage == IngestStage && e.Source == source && e.Run != ActivityEntry.NoRun)
            .GroupBy(e => e.Run, StringComparer.Ordinal)
            .Select(g => (g.Key, starts[g.Key], Coverage.Of(g)))
            .OrderBy(r => r.Item2)];
    }
}
