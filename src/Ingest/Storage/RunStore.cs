using System.Globalization;
using System.Security.Cryptography;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ingest.Messages;
using Ingest.Records;

namespace Ingest.Storage;

/// <summary>The status of a re-parse run, as <c>ingest reparse-status</c> shows it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Request">What was asked, as JSON, when the run was started by a tool that recorded it.</param>
/// <param name="StartedAt">When it was started.</param>
/// <param name="Listed">True when the whole scope has been listed (every article is queued).</param>
/// <param name="Queued">Articles queued so far.</param>
/// <param name="Outcomes">Articles done, by outcome (stored = changed, unchanged, not-stored, not-an-article, failed).</param>
public sealed record RunStatus(string RunId, string? Request, DateTimeOffset? StartedAt, bool Listed, int Queued, IReadOnlyDictionary<string, int> Outcomes)
{
    /// <summary>Articles done, whatever their outcome.</summary>
    public int Done => Outcomes.Values.Sum();

    /// <summary>True when everything queued is done and nothing more will be queued.</summary>
    public bool Complete => Listed && Done >= Queued;
}

/// <summary>
/// Where re-parse runs keep their progress: container <c>runs</c>, one folder per run. Each queued article and each
/// finished article is a marker blob written once (<c>If-None-Match: *</c>), so a page listed twice or a message
/// handled twice is counted once, and counting is a listing of names, with no shared counter to fight over.
/// </summary>
public sealed class RunStore(BlobServiceClient blobs)
{
    /// <summary>The container of runs.</summary>
    public const string Container = "runs";

    private readonly LazyContainer _container = new(blobs, Container);

    /// <summary>A new run id: UTC time and a random part, e.g. <c>20261129-103000-7f3a</c>.</summary>
    public static string NewRunId(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{RandomNumberGenerator.GetInt32(0x10000):x4}");
    }

    /// <summary>Records what a run was asked to do.</summary>
    public async Task StartAsync(string runId, ReparseRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _container.CreatedAsync(cancellationToken);
        await _container.Client.GetBlobClient($"{runId}/request.json").UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(request, IngestJsonContext.Default.ReparseRequest)),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["startedat"] = at.ToString("O", CultureInfo.InvariantCulture) },
            },
            cancellationToken);
    }

    /// <summary>Marks articles as queued by the run.</summary>
    public async Task QueuedAsync(string runId, IEnumerable<ArticleId> articles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        await _container.CreatedAsync(cancellationToken);
        foreach (var id in articles)
        {
            await WriteOnceAsync($"{runId}/queued/{id}", null, cancellationToken);
        }
    }

    /// <summary>Marks the run's scope as listed in full.</summary>
    public async Task ListedAsync(string runId, CancellationToken cancellationToken)
    {
        await _container.CreatedAsync(cancellationToken);
        await WriteOnceAsync($"{runId}/listed", null, cancellationToken);
    }

    /// <summary>
    /// Marks an article done with its outcome. The first outcome stands, except that a failure is replaced by a later
    /// outcome (a poison message replayed and then handled).
    /// </summary>
    public async Task DoneAsync(string runId, ArticleId id, string outcome, CancellationToken cancellationToken)
    {
        await _container.CreatedAsync(cancellationToken);
        var name = $"{runId}/done/{id}";
        if (await WriteOnceAsync(name, outcome, cancellationToken) || outcome == "failed")
        {
            return;
        }

        var blob = _container.Client.GetBlobClient(name);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        if (properties.Metadata.TryGetValue("outcome", out var previous) && previous == "failed")
        {
            await blob.SetMetadataAsync(new Dictionary<string, string>(StringComparer.Ordinal) { ["outcome"] = outcome }, new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken);
        }
    }

    /// <summary>Whether an article is counted done in a run (one HEAD request).</summary>
    public async Task<bool> IsDoneAsync(string runId, ArticleId id, CancellationToken cancellationToken) =>
        (await _container.Client.GetBlobClient($"{runId}/done/{id}").ExistsAsync(cancellationToken)).Value;

    /// <summary>The status of a run, or null when the run is unknown.</summary>
    public async Task<RunStatus?> GetStatusAsync(string runId, CancellationToken cancellationToken)
    {
        if (!await _container.Client.ExistsAsync(cancellationToken))
        {
            return null;
        }

        string? request = null;
        DateTimeOffset? started = null;
        bool listed = false, any = false;
        var queued = 0;
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var item in _container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = runId + "/", Traits = BlobTraits.Metadata }, cancellationToken))
        {
            any = true;
            var rest = item.Name[(runId.Length + 1)..];
            if (rest == "listed")
            {
                listed = true;
            }
            else if (rest.StartsWith("queued/", StringComparison.Ordinal))
            {
                queued++;
            }
            else if (rest.StartsWith("done/", StringComparison.Ordinal))
            {
                var outcome = item.Metadata.TryGetValue("outcome", out var o) ? o : "unknown";
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
            else if (rest == "request.json")
            {
                request = (await _container.Client.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
                started = item.Metadata.TryGetValue("startedat", out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : null;
            }
        }

        return any ? new RunStatus(runId, request, started, listed, queued, outcomes) : null;
    }

    private async Task<bool> WriteOnceAsync(string name, string? outcome, CancellationToken cancellationToken)
    {
        try
        {
            await _container.Client.GetBlobClient(name).UploadAsync(BinaryData.Empty, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = outcome is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["outcome"] = outcome },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
