using System.Globalization;
using Ingest.Storage;
using Ingest.Telemetry;
using Microsoft.Extensions.Logging;

namespace Ingest.Status;

/// <summary>
/// Checks the recent runs for drift (<see cref="DriftRule"/>) and raises each alarm once: stored in
/// <see cref="DriftAlarms"/>, logged as a warning (event <see cref="DriftEventId"/>), counted on
/// <c>ingest.drift.alarms</c>. Runs at the end of <c>ingest run --once</c> and before each discovery (the timer's),
/// so every run is judged once the next starts.
/// </summary>
public sealed partial class DriftWatch(ActivityLog activity, DriftAlarms alarms, IngestMetrics metrics, TimeProvider time, ILogger<DriftWatch> logger)
{
    /// <summary>The stable id of the drift warning, for alert rules.</summary>
    public const int DriftEventId = 7001;

    /// <summary>Judges the recent runs; returns the alarms raised now (not those raised before).</summary>
    public async Task<IReadOnlyList<DriftAlarm>> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var from = DateOnly.FromDateTime((now - DriftRule.Trailing - DriftRule.Judged).UtcDateTime);
        var entries = await activity.ReadAsync(from, today, cancellationToken);
        var raised = new List<DriftAlarm>();
        foreach (var alarm in DriftRule.Evaluate(entries, now))
        {
            if (!await alarms.TryRaiseAsync(alarm, cancellationToken))
            {
                continue;
            }

            raised.Add(alarm);
            Log.Drift(logger, alarm.Source, alarm.Run, Describe(alarm));
            foreach (var drop in alarm.Drops)
            {
                metrics.DriftAlarm(alarm.Source, drop.Field, drop.Kind);
            }
        }

        return raised;
    }

    /// <summary>The fields of an alarm in one line, e.g. "authors 100% → 0% of 6 pages (7-day level over 6 pages)".</summary>
    public static string Describe(DriftAlarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return string.Join("; ", alarm.Drops.Select(Describe));
    }

    /// <summary>One field of an alarm.</summary>
    public static string Describe(FieldDrop drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var what = drop.Kind == "profile" ? $"profile rules for {drop.Field} matched" : drop.Field;
        return drop.Baseline is { } was
            ? string.Create(CultureInfo.InvariantCulture, $"{what} {was * 100:0}% → {drop.Now * 100:0}% of {drop.Pages} pages (7-day level over {drop.BaselinePages} pages)")
            : string.Create(CultureInfo.InvariantCulture, $"{what} on none of {drop.Pages} pages");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = DriftEventId, Level = LogLevel.Warning, Message = "Source {Source} drifted in run {Run}: {Drops}")]
        public static partial void Drift(ILogger logger, string source, string run, string drops);
    }
}
