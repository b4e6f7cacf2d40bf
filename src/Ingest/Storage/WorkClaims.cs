using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Ingest.Storage;

/// <summary>A host's sign of life: written every few seconds while it runs, and whenever it takes messages in hand.</summary>
/// <param name="HostId">The host's id, unique per process run.</param>
/// <param name="Machine">The machine it runs on.</param>
/// <param name="ProcessId">Its process id there.</param>
/// <param name="ProcessStarted">When that process started (with the id, tells a process from a later one with the same id).</param>
/// <param name="LastBeat">When it last wrote this.</param>
/// <param name="InHand">The messages it is handling (or handled since the last beat): with their pop receipts, another host can hand them back to their queue once this one stopped.</param>
public sealed record HostBeat(string HostId, string Machine, int ProcessId, DateTimeOffset ProcessStarted, DateTimeOffset LastBeat, IReadOnlyList<LeasedMessage>? InHand = null);

/// <summary>A message a host holds: leased from its queue, with the pop receipt of that lease.</summary>
public sealed record LeasedMessage(string Queue, string MessageId, string PopReceipt, DateTimeOffset Since);

/// <summary>A stored beat with the version it was read at.</summary>
public sealed record StoredBeat(HostBeat Beat, ETag ETag);

/// <summary>A host is handling one piece of work, leased from a queue with this message.</summary>
/// <param name="Key">The work (e.g. <c>ingest-requests/{article id}</c>): copies of one piece of work share it.</param>
/// <param name="HostId">The host handling it.</param>
/// <param name="Queue">The queue of the message.</param>
/// <param name="MessageId">The message being handled.</param>
/// <param name="PopReceipt">The message's pop receipt when the handling began: with it, another host can hand the message back to the queue.</param>
/// <param name="Since">When the handling began.</param>
public sealed record WorkClaim(string Key, string HostId, string Queue, string MessageId, string? PopReceipt, DateTimeOffset Since);

/// <summary>A stored claim with the version it was read at.</summary>
public sealed record StoredClaim(WorkClaim Claim, ETag ETag);

/// <summary>
/// Who is alive and what they hold: container <c>hosts</c>, with <c>beats/{host id}.json</c> (one per running host,
/// rewritten every few seconds and whenever it takes messages in hand: they are listed in it) and
/// <c>claims/{work key}.json</c> (one per piece of ingest work being handled, created before the work and deleted
/// after it). A claim is created only if none exists, so two copies of one piece of work meet here; the beat of a host
/// that stopped names the messages a survivor may hand back to the queue.
/// </summary>
public sealed class WorkClaims(BlobServiceClient blobs)
{
    /// <summary>The container of beats and claims.</summary>
    public const string Container = "hosts";

    private const string BeatsPrefix = "beats/";
    private const string ClaimsPrefix = "claims/";

    private readonly LazyContainer _container = new(blobs, Container);

    /// <summary>Writes a host's beat.</summary>
    public async Task BeatAsync(HostBeat beat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beat);
        var container = await _container.CreatedAsync(cancellationToken);
        await container.GetBlobClient(BeatsPrefix + beat.HostId + ".json").UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(beat, ClaimsJsonContext.Default.HostBeat)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
    }

    /// <summary>A host's last beat, or null when it wrote none (or it was removed).</summary>
    public async Task<HostBeat?> GetBeatAsync(string hostId, CancellationToken cancellationToken) =>
        (await ReadAsync(BeatsPrefix + hostId + ".json", ClaimsJsonContext.Default.HostBeat, cancellationToken))?.Value;

    /// <summary>Removes a host's beat (it stops cleanly).</summary>
    public Task RemoveBeatAsync(string hostId, CancellationToken cancellationToken) =>
        DeleteAsync(BeatsPrefix + hostId + ".json", default, cancellationToken);

    /// <summary>Removes a stopped host's beat, only if it is still the version read (it did not beat again).</summary>
    public Task RemoveBeatAsync(StoredBeat beat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beat);
        return DeleteAsync(BeatsPrefix + beat.Beat.HostId + ".json", beat.ETag, cancellationToken);
    }

    /// <summary>
    /// Creates the claim when no claim of its work exists, and returns it with its version; else returns the claim
    /// that holds the work (null when that one was removed meanwhile: try again).
    /// </summary>
    public async Task<(bool Created, StoredClaim? Claim)> TryCreateAsync(WorkClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var container = await _container.CreatedAsync(cancellationToken);
        try
        {
            var written = await container.GetBlobClient(NameOf(claim.Key)).UploadAsync(
                BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(claim, ClaimsJsonContext.Default.WorkClaim)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
            return (true, new StoredClaim(claim, written.Value.ETag));
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            var held = await ReadAsync(NameOf(claim.Key), ClaimsJsonContext.Default.WorkClaim, cancellationToken);
            return (false, held is null ? null : new StoredClaim(held.Value.Value, held.Value.ETag));
        }
    }

    /// <summary>Replaces a claim read at <paramref name="held"/>'s version; false when it changed meanwhile.</summary>
    public async Task<StoredClaim?> TryReplaceAsync(StoredClaim held, WorkClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(claim);
        try
        {
            var written = await _container.Client.GetBlobClient(NameOf(claim.Key)).UploadAsync(
                BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(claim, ClaimsJsonContext.Default.WorkClaim)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = held.ETag } },
                cancellationToken);
            return new StoredClaim(claim, written.Value.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Removes a claim, only if it is still the version given (a claim taken over meanwhile stays).</summary>
    public Task RemoveAsync(StoredClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return DeleteAsync(NameOf(claim.Claim.Key), claim.ETag, cancellationToken);
    }

    /// <summary>Every beat written and not removed: running hosts, and hosts that stopped without a clean stop.</summary>
    public async Task<IReadOnlyList<StoredBeat>> ListBeatsAsync(CancellationToken cancellationToken) =>
        [.. (await ReadAllAsync(BeatsPrefix, ClaimsJsonContext.Default.HostBeat, cancellationToken)).Select(r => new StoredBeat(r.Value, r.ETag))];

    /// <summary>Every claim held now.</summary>
    public async Task<IReadOnlyList<StoredClaim>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await ReadAllAsync(ClaimsPrefix, ClaimsJsonContext.Default.WorkClaim, cancellationToken)).Select(r => new StoredClaim(r.Value, r.ETag))];

    // Every readable blob under a prefix; none when the container does not exist yet (no host ever ran).
    private async Task<List<(T Value, ETag ETag)>> ReadAllAsync<T>(string prefix, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var all = new List<(T, ETag)>();
        try
        {
            await foreach (var item in _container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
            {
                if (await ReadAsync(item.Name, type, cancellationToken) is { } read)
                {
                    all.Add(read);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return all;
    }

    private static string NameOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return ClaimsPrefix + key + ".json";
    }

    private async Task<(T Value, ETag ETag)?> ReadAsync<T>(string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var content = await _container.Client.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize(content.Value.Content.ToMemory().Span, type) is { } value ? (value, content.Value.Details.ETag) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task DeleteAsync(string name, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await _container.Client.GetBlobClient(name).DeleteAsync(
                conditions: ifMatch == default ? null : new BlobRequestConditions { IfMatch = ifMatch },
                cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone already, or taken over by another host: not ours to remove.
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HostBeat))]
[JsonSerializable(typeof(WorkClaim))]
[JsonSerializable(typeof(LeasedMessage))]
internal sealed partial class ClaimsJsonContext : JsonSerializerContext;
