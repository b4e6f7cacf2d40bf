using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace Ingest.Sources;

/// <summary>When a source with its own schedule is due: six-field CRON in UTC, judged against its last discovery.</summary>
public static class SourceSchedule
{
    /// <summary>Parses a six-field CRON expression.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CronExpression? expression) =>
        CronExpression.TryParse(text, CronFormat.IncludeSeconds, out expression);

    /// <summary>True when the source has no schedule, was never discovered, or its next occurrence since then has come.</summary>
    public static bool IsDue(string? schedule, DateTimeOffset? lastRun, DateTimeOffset now)
    {
        if (schedule is null || lastRun is null || !TryParse(schedule, out var expression))
        {
            return true;
        }

        var next = expression.GetNextOccurrence(lastRun.Value, TimeZoneInfo.Utc);
        return next is null || next <= now;
    }
}
