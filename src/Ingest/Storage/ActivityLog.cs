using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Blobs;

namespace Ingest.Storage;

/// <summary>
/// What one host did for one run, stage and source between two flushes: the outcome counts, and for the pages it
/// extracted, how many had each field and how many a site profile's rules missed.
/// </summary>
/// <param name="Run">The run: a discovery run's id (its ingest requests carry it), a re-parse run's id, or <see cref="NoRun"/>.</param>
/// <param name="Stage"><c>discovery</c>, <c>ingest</c> or <c>reparse</c>.</param>
/// <param name="Source">The configured source.</param>
/// <param name="Host">The host that counted it.</param>
/// <param name="First">The first thing counted.</param>
/// <param name="Last">The last thing counted.</param>
/// <param name="Counts">Outcome counts by name (discovered, fetched, stored, unchanged, refused, failed, …).</param>
/// <param name="Pages">Pages extracted into an article.</param>
/// <param name="Present">Of those pages, how many had each field (title, authors, published, section, language, body, images).</param>
/// <param name="ProfilePages">Pages read with a site profile.</param>
/// <param name="ProfileMissed">Of those, how many pages each profile field's rules matched nothing on.</param>
/// <param name="Recent">The articles that got a new revision, the last <see cref="RecentKept"/> at most, oldest first.</param>
public sealed record ActivityEntry(
    string Run,
    string Stage,
    string Source,
    string Host,
    DateTimeOffset First,
    DateTimeOffset Last,
    ImmutableSortedDictionary<string, int> Counts,
    int Pages,
    ImmutableSortedDictionary<string, int> Present,
    int ProfilePages,
    ImmutableSortedDictionary<string, int> ProfileMissed,
    ImmutableArray<string> Recent)
{
    /// <summary>How many stored articles an entry names at most.</summary>
    public const int RecentKept = 20;

    /// <summary>The run of work that no discovery or re-parse run started (an operator's <c>enqueue</c>).</summary>
    public const string NoRun = "-";

    /// <summary>The article fields whose coverage is kept, in the order pages and tables show them.</summary>
    public static readonly ImmutableArray<string> Fields = ["title", "authors", "published", "section", "language", "body", "images"];

    /// <summary>The count of a name, 0 when never counted.</summary>
    public int Count(string name) => Counts.TryGetValue(name, out var n) ? n : 0;
}

/// <summary>
/// The pipeline's activity, append-only, in container <c>status</c>: one append blob per host and day,
/// <c>activity/{yyyy-MM-dd}/{host}.ndjson</c>, one <see cref="ActivityEntry"/> per line. Each host appends what it
/// counted since its last flush, so runs, per-source coverage and drift can be read back across hosts and days
/// (the status page, <c>ingest status</c>, the drift check) without a database.
/// </summary>
public sealed class ActivityLog(BlobServiceClient blobs)
{
    /// <summary>The container of the status data (activity and drift alarms).</summary>
    public const string Container = "status";

    private const string Prefix = "activity/";

    private readonly LazyContainer _container = new(blobs, Container);

    /// <summary>Appends entries to this host's blob of the day of <paramref name="at"/>, as one block.</summary>
    public async Task AppendAsync(string host, DateTimeOffset at, IReadOnlyCollection<ActivityEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.Append(JsonSerializer.Serialize(entry, StatusJsonContext.Default.ActivityEntry)).Append('\n');
        }

        var container = await _container.CreatedAsync(cancellationToken);
        var blob = container.GetAppendBlobClient(BlobName(DateOnly.FromDateTime(at.UtcDateTime), host));
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        using var block = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        await blob.AppendBlockAsync(block, cancellationToken: cancellationToken);
    }

    /// <summary>Every entry of the days <paramref name="from"/> to <paramref name="to"/> (UTC, inclusive); unreadable lines are skipped.</summary>
    public async Task<IReadOnlyList<ActivityEntry>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var entries = new List<ActivityEntry>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            try
            {
                await foreach (var item in _container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{Prefix}{Day(day)}/" }, cancellationToken))
                {
                    var content = (await _container.Client.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
                    entries.AddRange(Parse(content));
                }
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                return entries; // nothing recorded yet
            }
        }

        return entries;
    }

    /// <summary>The entries in one blob's text; a line that is not an entry (cut short by a crash mid-append) is skipped.</summary>
    public static IEnumerable<ActivityEntry> Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        foreach (var line in content.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ActivityEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize(line, StatusJsonContext.Default.ActivityEntry);
            }
            catch (JsonException)
            {
                continue;
            }

            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    private static string BlobName(DateOnly day, string host) => $"{Prefix}{Day(day)}/{host}.ndjson";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
