namespace Ingest.Fetching;

/// <summary>What a fetch ended in, when it did not fail transiently.</summary>
public enum FetchStatus
{
    /// <summary>2xx with a body.</summary>
    Fetched,

    /// <summary>304: the stored copy is current.</summary>
    NotModified,

    /// <summary>404 or 410: the page is gone.</summary>
    Gone,

    /// <summary>Refused by a rule here (host, address, scheme, size, redirects) or a 4xx that retrying will not fix.</summary>
    Rejected,

    /// <summary>robots.txt does not allow us to fetch it.</summary>
    Disallowed,
}

/// <summary>What the stored copy says, for a conditional GET.</summary>
/// <param name="ETag">The stored ETag, sent as If-None-Match.</param>
/// <param name="LastModified">The stored Last-Modified, sent as If-Modified-Since.</param>
public sealed record FetchConditions(string? ETag, DateTimeOffset? LastModified);

/// <summary>The facts of one fetch: status, bytes and the headers the archive keeps.</summary>
public sealed record FetchResult
{
    /// <summary>How the fetch ended.</summary>
    public required FetchStatus Status { get; init; }

    /// <summary>The URL asked for.</summary>
    public required Uri RequestedUrl { get; init; }

    /// <summary>The URL the response came from, after redirects.</summary>
    public Uri? FinalUrl { get; init; }

    /// <summary>The HTTP status code, 0 when no response was received.</summary>
    public int HttpStatus { get; init; }

    /// <summary>The body, empty unless <see cref="FetchStatus.Fetched"/>.</summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The Content-Type header.</summary>
    public string? ContentType { get; init; }

    /// <summary>The ETag header.</summary>
    public string? ETag { get; init; }

    /// <summary>The Last-Modified header.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>When the response was received.</summary>
    public required DateTimeOffset FetchedAt { get; init; }

    /// <summary>Why, for anything but <see cref="FetchStatus.Fetched"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The kind of failure, for <see cref="FetchStatus.Gone"/>, <see cref="FetchStatus.Rejected"/> and <see cref="FetchStatus.Disallowed"/>.</summary>
    public FetchFailure Failure { get; init; }
}

/// <summary>A fetch failed in a way a later attempt may fix (network error, timeout, 5xx, 429): the queue retries it.</summary>
public sealed class TransientFetchException(Uri url, string reason, FetchFailure kind, Exception? inner = null, int httpStatus = 0)
    : Exception($"Fetching {url} failed: {reason}", inner)
{
    /// <summary>The URL that failed.</summary>
    public Uri Url { get; } = url;

    /// <summary>What failed.</summary>
    public FetchFailure Kind { get; } = kind;

    /// <summary>The HTTP status, for <see cref="FetchFailure.HttpStatus"/>.</summary>
    public int HttpStatus { get; } = httpStatus;

    /// <summary>The kind's label ("http-503", "timeout").</summary>
    public string Label => FetchFailures.Label(Kind, HttpStatus);
}
