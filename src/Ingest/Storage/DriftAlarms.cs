using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Ingest.Storage;

/// <summary>One field of a source that fell in one run.</summary>
/// <param name="Field">The field (title, authors, published, …).</param>
/// <param name="Kind"><c>coverage</c>: pages with the field; <c>profile</c>: pages where the site profile's rules for it matched.</param>
/// <param name="Baseline">The share over the trailing 7 days before the run, or null when the profile rule had no history (then it matched nothing at all).</param>
/// <param name="Now">The share in the run.</param>
/// <param name="BaselinePages">Pages the baseline was read from.</param>
/// <param name="Pages">Pages of the run.</param>
public sealed record FieldDrop(string Field, string Kind, double? Baseline, double Now, int BaselinePages, int Pages);

/// <summary>A source whose pages stopped parsing as they did: the fields that fell in one run.</summary>
public sealed record DriftAlarm(string Source, string Run, DateTimeOffset RunStarted, DateTimeOffset RaisedAt, ImmutableArray<FieldDrop> Drops);

/// <summary>
/// Drift alarms, one blob per run and source, <c>status/alarms/{run}/{source}.json</c>, written once: a check that
/// runs again over the same run finds it raised already, so the warning is logged and counted once.
/// </summary>
public sealed class DriftAlarms(BlobServiceClient blobs)
{
    private const string Prefix = "alarms/";

    private readonly LazyContainer _container = new(blobs, ActivityLog.Container);

    /// <summary>Stores an alarm; false when it was raised already.</summary>
    public async Task<bool> TryRaiseAsync(DriftAlarm alarm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var container = await _container.CreatedAsync(cancellationToken);
        try
        {
            await container.GetBlobClient($"{Prefix}{alarm.Run}/{alarm.Source}.json").UploadAsync(
                BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(alarm, StatusJsonContext.Default.DriftAlarm)),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    /// <summary>The alarms of runs whose id sorts at or after <paramref name="sinceRun"/> (run ids start with their UTC time).</summary>
    public async Task<IReadOnlyList<DriftAlarm>> ListAsync(string sinceRun, CancellationToken cancellationToken)
    {
        var alarms = new List<DriftAlarm>();
        try
        {
            await foreach (var item in _container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, cancellationToken))
            {
                if (string.CompareOrdinal(item.Name[Prefix.Length..], sinceRun) < 0)
                {
                    continue;
                }

                var content = (await _container.Client.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content;
                try
                {
                    if (JsonSerializer.Deserialize(content.ToMemory().Span, StatusJsonContext.Default.DriftAlarm) is { } alarm)
                    {
                        alarms.Add(alarm);
                    }
                }
                catch (JsonException)
                {
                    // Not one this pipeline wrote: skipped.
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // Nothing raised yet.
        }

        return alarms;
    }
}
