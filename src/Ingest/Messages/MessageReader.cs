using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ingest.Records;

namespace Ingest.Messages;

/// <summary>
/// Reads queue message bodies strictly: unknown fields, missing fields and bad values are refused with a message
/// that names the problem, so a poisoned message can be understood from its log line alone.
/// </summary>
public static class MessageReader
{
    /// <summary>Reads an <see cref="IngestRequest"/>; throws <see cref="InvalidMessageException"/> when it is not one.</summary>
    public static IngestRequest ReadIngestRequest(string body)
    {
        var request = Read(body, IngestJsonContext.Default.IngestRequest, QueueNames.IngestRequests);
        if (string.IsNullOrWhiteSpace(request.Url))
        {
            throw new InvalidMessageException(QueueNames.IngestRequests, "'url' is missing or empty.");
        }

        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidMessageException(QueueNames.IngestRequests, $"'url' must be an absolute http or https URL, got '{Shorten(request.Url)}'.");
        }

        if (string.IsNullOrWhiteSpace(request.Source))
        {
            throw new InvalidMessageException(QueueNames.IngestRequests, "'source' is missing or empty.");
        }

        return request;
    }

    /// <summary>Reads a <see cref="ReparseRequest"/>; throws <see cref="InvalidMessageException"/> when it is not one.</summary>
    public static ReparseRequest ReadReparseRequest(string body)
    {
        var request = Read(body, IngestJsonContext.Default.ReparseRequest, QueueNames.ReparseRequests);
        if (!ArticleId.TryParse(request.ArticleId, out _))
        {
            throw new InvalidMessageException(QueueNames.ReparseRequests, $"'articleId' is not an article id: '{Shorten(request.ArticleId ?? "")}'.");
        }

        return request;
    }

    private static T Read<T>(string body, JsonTypeInfo<T> type, string queue)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new InvalidMessageException(queue, "the message body is empty.");
        }

        try
        {
            return JsonSerializer.Deserialize(body, type)
                ?? throw new InvalidMessageException(queue, "the message body is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidMessageException(queue, $"the body is not a valid {typeof(T).Name} ({ex.Message}). Body starts with: '{Shorten(body)}'.", ex);
        }
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}

/// <summary>A queue message that can never succeed: it is retried as configured and then lands in the poison queue.</summary>
public sealed class InvalidMessageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidMessageException(string queue, string problem, Exception? inner = null)
        : base($"Invalid message on queue '{queue}': {problem}", inner)
    {
        Queue = queue;
    }

    /// <summary>The queue the message came from.</summary>
    public string Queue { get; }
}
