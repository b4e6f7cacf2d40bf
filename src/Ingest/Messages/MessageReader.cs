using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ingest.Records;
using Ingest.Sources;

namespace Ingest.Messages;

/// <summary>
/// Reads queue message bodies strictly: unknown fields, missing fields and bad values are refused with a message
/// that names the problem, so a poisoned message can be understood from its log line alone.
/// </summary>
public static partial class MessageReader
{
    /// <summary>Reads an <see cref="IngestRequest"/>; throws <see cref="InvalidMessageException"/> when it is not one.</summary>
    public static IngestRequest ReadIngestRequest(string body)
    {
        var request = Read(body, IngestJsonContext.Default.IngestRequest, QueueNames.IngestRequests);
        if (string.IsNullOrWhiteSpace(request.Url))
        {
            throw new InvalidMessageException(QueueNames.IngestRequests, "'url' is missing or empty.");
        }

        if (request.Url.Length > MaxUrlLength)
        {
            throw new InvalidMessageException(QueueNames.IngestRequests, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'url' is {request.Url.Length:N0} characters long, over the limit of {MaxUrlLength:N0}."));
        }

        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidMessageException(QueueNames.IngestRequests, $"'url' must be an absolute http or https URL, got '{Shorten(request.Url)}'.");
        }

        if (UrlLimit.ProblemOf(url) is { } tooLongEscaped)
        {
            throw new InvalidMessageException(QueueNames.IngestRequests, $"'url', escaped: {tooLongEscaped}; it starts with '{Shorten(request.Url)}'.");
        }

        if (string.IsNullOrWhiteSpace(request.Source))
        {
            throw new InvalidMessageException(QueueNames.IngestRequests, "'source' is missing or empty.");
        }

        if (request.Run is not null && !RunIdShape().IsMatch(request.Run))
        {
            throw new InvalidMessageException(QueueNames.IngestRequests, $"'run' must be 1-64 lower-case letters, digits or dashes, got '{Shorten(request.Run)}'.");
        }

        return request;
    }

    /// <summary>Reads a <see cref="ReparseRequest"/>; throws <see cref="InvalidMessageException"/> when it is not one.</summary>
    public static ReparseRequest ReadReparseRequest(string body)
    {
        var request = Read(body, IngestJsonContext.Default.ReparseRequest, QueueNames.ReparseRequests);
        var problem = ProblemOf(request);
        return problem is null ? request : throw new InvalidMessageException(QueueNames.ReparseRequests, problem);
    }

    /// <summary>What is wrong with a re-parse request, or null when it is valid.</summary>
    public static string? ProblemOf(ReparseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ranged = request.Site is not null || request.Since is not null || request.Until is not null;
        if (request.ArticleIds is { } ids)
        {
            if (request.ArticleId is not null || ranged || request.All || request.Cursor is not null)
            {
                return "'articleIds' cannot be combined with 'articleId', 'site', 'since', 'until', 'all' or 'cursor'.";
            }

            if (ids.Count is 0 or > ReparseRequest.MaxArticleIds)
            {
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'articleIds' must list 1 to {ReparseRequest.MaxArticleIds} article ids, got {ids.Count}.");
            }

            foreach (var id in ids)
            {
                if (id is null || !ArticleId.TryParse(id, out _))
                {
                    return $"'articleIds' holds something that is not an article id: '{Shorten(id ?? "null")}'.";
                }
            }
        }
        else if (request.ArticleId is not null)
        {
            if (!ArticleId.TryParse(request.ArticleId, out _))
            {
                return $"'articleId' is not an article id: '{Shorten(request.ArticleId)}'.";
            }

            if (ranged || request.All || request.Cursor is not null)
            {
                return "'articleId' cannot be combined with 'site', 'since', 'until', 'all' or 'cursor'.";
            }
        }
        else if (request.All == ranged)
        {
            return request.All
                ? "'all' cannot be combined with 'site', 'since' or 'until'."
                : "say what to re-parse: 'articleId', 'site' and/or 'since'/'until', or 'all'.";
        }

        if (request.Site is not null && !SiteKey().IsMatch(request.Site))
        {
            return $"'site' must be a site key such as 'scmp.com', got '{Shorten(request.Site)}'.";
        }

        if (request.Until is not null && request.Since is null)
        {
            return "'until' needs 'since'.";
        }

        if (request.Since > request.Until)
        {
            return $"'since' ({request.Since:yyyy-MM-dd}) is after 'until' ({request.Until:yyyy-MM-dd}).";
        }

        if (request.RunId is not null && !RunIdShape().IsMatch(request.RunId))
        {
            return $"'runId' must be 1-64 lower-case letters, digits or dashes, got '{Shorten(request.RunId)}'.";
        }

        return request.Cursor is { Length: > 4096 } ? "'cursor' is longer than 4096 characters." : null;
    }

    /// <summary>
    /// The longest URL an ingest request may carry: <see cref="UrlLimit.MaxLength"/> (2,048 characters), as given and
    /// escaped. Longer ones are refused at once, before a fetch or a storage write (blob metadata, 8 KB in all, carries
    /// the URL) could fail late and be retried.
    /// </summary>
    public const int MaxUrlLength = UrlLimit.MaxLength;

    /// <summary>
    /// The longest message body read, in characters: 8,192. A valid request is far smaller (a URL of at most 2,048
    /// characters and a few short fields, or a re-parse cursor of at most 4,096), so a longer body is refused before
    /// it is parsed.
    /// </summary>
    public const int MaxBodyLength = 8192;

    private static T Read<T>(string body, JsonTypeInfo<T> type, string queue)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new InvalidMessageException(queue, "the message body is empty.");
        }

        if (body.Length > MaxBodyLength)
        {
            throw new InvalidMessageException(queue, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the body is {body.Length:N0} characters long, over the limit of {MaxBodyLength:N0}."));
        }

        try
        {
            return JsonSerializer.Deserialize(body, type)
                ?? throw new InvalidMessageException(queue, "the message body is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidMessageException(queue, $"the body is not a valid {typeof(T).Name} ({ex.Message}).", ex);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SiteKey();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex RunIdShape();

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}

/// <summary>A queue message that can never succeed: the trigger moves it to the poison queue on its first delivery, with this reason.</summary>
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
