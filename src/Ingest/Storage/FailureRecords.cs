using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Ingest.Storage;

/// <summary>Why a queue message ended in its poison queue, kept beside it for <c>ingest poison list</c>.</summary>
/// <param name="Queue">The work queue the message came from.</param>
/// <param name="MessageId">Its id on that queue (the poison queue gives it a new one).</param>
/// <param name="Reason">Why it failed, in one line.</param>
/// <param name="Kind"><c>permanent</c> (it can never succeed: poisoned on its first delivery) or <c>retried</c> (it failed on every attempt).</param>
/// <param name="Attempts">How many times it was delivered.</param>
/// <param name="FailedAt">When it was given up.</param>
/// <param name="BodyStart">The first 200 characters of the message as the trigger read it.</param>
public sealed record FailureRecord(string Queue, string MessageId, string Reason, string Kind, long Attempts, DateTimeOffset FailedAt, string BodyStart);

/// <summary>
/// The reasons of poisoned messages: container <c>failures</c>, one small JSON blob per message, named
/// <c>{poison queue}/{SHA-256 of the message text}.json</c>. A poison message is found by its content, not its id,
/// because moving a message to a poison queue gives it a new id; identical messages share one record. The record is
/// written before the message is sent to the poison queue, so a crash in between leaves a record without a message
/// (harmless), never a message without its reason.
/// </summary>
public sealed class FailureRecords(BlobServiceClient blobs)
{
    /// <summary>The container of failure records.</summary>
    public const string Container = "failures";

    /// <summary>How much of a message body a record keeps.</summary>
    public const int BodyStartLength = 200;

    private readonly LazyContainer _container = new(blobs, Container);

    /// <summary>The start of a message body as kept in records and log lines: at most 200 characters, on one line.</summary>
    public static string Start(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var start = body.Length <= BodyStartLength ? body : body[..BodyStartLength] + "…";
        return start.ReplaceLineEndings(" ");
    }

    /// <summary>Stores the record of a message about to be poisoned.</summary>
    public async Task PutAsync(string poisonQueue, byte[] body, FailureRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var container = await _container.CreatedAsync(cancellationToken);
        await container.GetBlobClient(NameOf(poisonQueue, body)).UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(record, FailureJsonContext.Default.FailureRecord)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
    }

    /// <summary>The record of a poison message with this body, or null when none was kept.</summary>
    public async Task<FailureRecord?> GetAsync(string poisonQueue, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.Client.GetBlobClient(NameOf(poisonQueue, body)).DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize(content.Value.Content.ToMemory().Span, FailureJsonContext.Default.FailureRecord);
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

    /// <summary>Removes the record of a poison message that was replayed or purged.</summary>
    public async Task DeleteAsync(string poisonQueue, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            await _container.Client.GetBlobClient(NameOf(poisonQueue, body)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing to remove.
        }
    }

    private static string NameOf(string poisonQueue, byte[] body)
    {
        ArgumentException.ThrowIfNullOrEmpty(poisonQueue);
        ArgumentNullException.ThrowIfNull(body);
        return $"{poisonQueue}/{Convert.ToHexStringLower(SHA256.HashData(body))}.json";
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(FailureRecord))]
internal sealed partial class FailureJsonContext : JsonSerializerContext;
