using System.ComponentModel.DataAnnotations;

namespace Ingest.Fetching;

/// <summary>How pages are fetched: politeness, limits and where fetches may go. Bound from <c>Ingest:Fetching</c>.</summary>
public sealed class FetchOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingest:Fetching";

    /// <summary>Product token and version sent as User-Agent; its first token is also the name matched in robots.txt.</summary>
    [Required(ErrorMessage = "Ingest:Fetching:UserAgent is required.")]
    [RegularExpression(@"^[A-Za-z0-9_-]+(/[A-Za-z0-9._-]+)?$", ErrorMessage = "Ingest:Fetching:UserAgent must be a product token such as 'IngestBot/0.3'; put the contact in Ingest:Fetching:Contact.")]
    public string UserAgent { get; set; } = "IngestBot/0.3";

    /// <summary>How a site owner reaches the operator (an email address or URL); sent in the User-Agent.</summary>
    [Required(ErrorMessage = "Ingest:Fetching:Contact is required: site owners must be able to reach whoever runs the crawler (set it to your email address or URL, e.g. Ingest__Fetching__Contact=you@example.org).")]
    [MinLength(3, ErrorMessage = "Ingest:Fetching:Contact must be an email address or URL.")]
    public string? Contact { get; set; }

    /// <summary>Time allowed for one request attempt, headers and body.</summary>
    [Range(1, 300, ErrorMessage = "Ingest:Fetching:TimeoutSeconds must be between {1} and {2}.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Time allowed for one fetch, all attempts, waits and redirects included.</summary>
    [Range(1, 1800, ErrorMessage = "Ingest:Fetching:TotalTimeoutSeconds must be between {1} and {2}.")]
    public int TotalTimeoutSeconds { get; set; } = 120;

    /// <summary>Retries of one fetch on transient failures, before the queue's own retries (keep the product small).</summary>
    [Range(0, 5, ErrorMessage = "Ingest:Fetching:MaxRetries must be between {1} and {2}.")]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Largest response body accepted, counted after decompression while streaming (so a gzip bomb stops here).</summary>
    [Range(1024, 200L * 1024 * 1024, ErrorMessage = "Ingest:Fetching:MaxResponseBytes must be between {1} and {2}.")]
    public long MaxResponseBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Redirect hops followed; each hop is checked by every rule again.</summary>
    [Range(0, 10, ErrorMessage = "Ingest:Fetching:MaxRedirects must be between {1} and {2}.")]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Minimum time between two requests to one host from this process.</summary>
    [Range(0, 600_000, ErrorMessage = "Ingest:Fetching:MinDelayPerHostMilliseconds must be between {1} and {2}.")]
    public int MinDelayPerHostMilliseconds { get; set; } = 1000;

    /// <summary>A robots.txt Crawl-delay is honoured up to this many seconds.</summary>
    [Range(0, 3600, ErrorMessage = "Ingest:Fetching:MaxCrawlDelaySeconds must be between {1} and {2}.")]
    public int MaxCrawlDelaySeconds { get; set; } = 30;

    /// <summary>A Retry-After (429/503) up to this long is waited for here; a longer one ends the attempt and the queue retries later.</summary>
    [Range(0, 3600, ErrorMessage = "Ingest:Fetching:MaxRetryAfterSeconds must be between {1} and {2}.")]
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>How long a host's robots.txt is kept before it is fetched again.</summary>
    [Range(1, 24 * 60, ErrorMessage = "Ingest:Fetching:RobotsCacheMinutes must be between {1} and {2}.")]
    public int RobotsCacheMinutes { get; set; } = 360;

    /// <summary>Obey robots.txt. Only tests turn this off.</summary>
    public bool RespectRobotsTxt { get; set; } = true;

    /// <summary>Hosts that may be fetched besides those of the configured sources.</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Fetch any public host, not only the configured sources' (the address rules still apply).</summary>
    public bool AllowAnyHost { get; set; }

    /// <summary>
    /// Loopback ports that may be fetched (the local demo site, test servers). Loopback is refused otherwise, and
    /// private, link-local, CGNAT, multicast and reserved addresses always are.
    /// </summary>
    public IList<int> AllowedLoopbackPorts { get; } = [];

    /// <summary>The User-Agent header value.</summary>
    public string UserAgentHeader => $"{UserAgent} (+{Contact})";

    /// <summary>The name this crawler answers to in robots.txt.</summary>
    public string RobotsToken => UserAgent.Split('/')[0];

    /// <summary>
    /// The settings that only make sense together. The standard resilience handler checks the same at start, but
    /// in its own terms; here the message names our settings.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TotalTimeoutSeconds < TimeoutSeconds)
        {
            yield return new ValidationResult(
                $"Ingest:Fetching:TotalTimeoutSeconds ({TotalTimeoutSeconds}) must be at least Ingest:Fetching:TimeoutSeconds ({TimeoutSeconds}).",
                [nameof(TotalTimeoutSeconds)]);
        }

        // The backoff before retry n (from 0) is FirstBackoff × 2^n, without jitter; all of them must fit in the total.
        var backoffs = FetchPipeline.FirstBackoff.TotalSeconds * (Math.Pow(2, Math.Max(1, MaxRetries)) - 1);
        if (backoffs > TotalTimeoutSeconds)
        {
            yield return new ValidationResult(
                $"Ingest:Fetching:TotalTimeoutSeconds ({TotalTimeoutSeconds}) must be at least {Math.Ceiling(backoffs)}: the waits between Ingest:Fetching:MaxRetries ({MaxRetries}) retries add up to {backoffs} s.",
                [nameof(TotalTimeoutSeconds)]);
        }
    }
}
