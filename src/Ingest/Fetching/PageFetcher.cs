using System.Net;
using System.Net.Http.Headers;
using Ingest.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Ingest.Fetching;

/// <summary>
/// Fetches one URL politely and safely: only allowed hosts (<see cref="HostAllowList"/>), robots.txt obeyed
/// (<see cref="RobotsCache"/>), redirects followed here with every hop checked again, conditional GET, and the
/// answer turned into a result. Attempts, retries, timeouts and the host gate are the HTTP pipeline's
/// (<see cref="FetchPipeline"/>). Expected ends are results; failures a later attempt may fix throw
/// <see cref="TransientFetchException"/> so the queue retries.
/// </summary>
public sealed partial class PageFetcher(
    IHttpClientFactory httpClients,
    HostAllowList hosts,
    RobotsCache robotsCache,
    IOptions<FetchOptions> options,
    TimeProvider time,
    ILogger<PageFetcher> logger)
{
    private readonly FetchOptions _options = options.Value;

    /// <summary>Fetches <paramref name="url"/>, conditionally when <paramref name="conditions"/> are given.</summary>
    public async Task<FetchResult> FetchAsync(Uri url, CancellationToken cancellationToken, FetchConditions? conditions = null)
    {
        ArgumentNullException.ThrowIfNull(url);

        // The pipeline bounds each request; this bounds the fetch, redirects and robots.txt included.
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(TimeSpan.FromSeconds(_options.TotalTimeoutSeconds));
        try
        {
            return await FollowAsync(url, conditions, total.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientFetchException(url, TotalTimeoutReason, FetchFailure.Timeout, ex);
        }
    }

    private string TotalTimeoutReason => $"not done within Ingest:Fetching:TotalTimeoutSeconds ({_options.TotalTimeoutSeconds} s)";

    private async Task<FetchResult> FollowAsync(Uri url, FetchConditions? conditions, CancellationToken cancellationToken)
    {
        var current = url;
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        for (var hop = 0; ; hop++)
        {
            if (UrlLimit.ProblemOf(current) is { } tooLong)
            {
                return Rejected(url, current == url ? tooLong : $"redirect to {current.AbsoluteUri[..80]}…: {tooLong}", FetchFailure.UrlTooLong);
            }

            if (hosts.RefusalOf(current) is { } refusal)
            {
                return Rejected(url, refusal, FetchFailure.HostNotAllowed);
            }

            RobotsTxt robots;
            try
            {
                robots = _options.RespectRobotsTxt ? await robotsCache.ForAsync(current, cancellationToken) : RobotsTxt.AllowAll;
            }
            catch (AddressRefusedException ex)
            {
                Log.AddressRefused(logger, current, ex.Message);
                return Rejected(url, ex.Message, FetchFailure.AddressRefused);
            }

            if (!robots.IsAllowed(_options.RobotsToken, current.PathAndQuery))
            {
                if (robotsCache.UnavailableReason(current) is { } unavailable)
                {
                    // Not the site's rule: its robots.txt could not be read (the network, DNS, a server error). The
                    // page waits, as the rules require, and the failure is what it is (a DNS failure is a DNS
                    // failure): transient, retried.
                    throw new TransientFetchException(url, $"{unavailable.Reason}; the page is not fetched until robots.txt of {current.Host} can be read", unavailable.Kind);
                }

                return new FetchResult { Status = FetchStatus.Disallowed, RequestedUrl = url, FinalUrl = current, FetchedAt = time.GetUtcNow(), Reason = $"robots.txt of {current.Host} disallows {current.PathAndQuery} for {_options.RobotsToken}", Failure = FetchFailure.RobotsDisallowed };
            }

            var response = await SendAsync(url, current, conditions, GapFor(robots), cancellationToken);
            if (response.Status != FetchStatus.Rejected || response.RedirectTo is null)
            {
                return response.Result;
            }

            var next = response.RedirectTo;
            if (hop + 1 > _options.MaxRedirects)
            {
                return Rejected(url, $"more than {_options.MaxRedirects} redirects (Ingest:Fetching:MaxRedirects)", FetchFailure.Redirects);
            }

            if (!visited.Add(next.AbsoluteUri))
            {
                return Rejected(url, $"redirect loop at {next}", FetchFailure.Redirects);
            }

            current = next;
        }
    }

    private async Task<Response> SendAsync(Uri original, Uri url, FetchConditions? conditions, TimeSpan gap, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgentHeader);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,*/*;q=0.5");
        if (conditions?.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (conditions?.LastModified is { } lastModified)
        {
            request.Headers.IfModifiedSince = lastModified;
        }

        request.Options.Set(HostGateHandler.Gap, gap);
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(FetchPipeline.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (AddressGuard.FindRefusal(ex) is { } refusal)
        {
            Log.AddressRefused(logger, url, refusal.Message);
            return new Response(Rejected(original, refusal.Message, FetchFailure.AddressRefused));
        }
        catch (AttemptFailedException ex)
        {
            throw new TransientFetchException(original, ex.Message, ex.Kind, ex.InnerException);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientFetchException(original, NetworkFailure.Describe(ex), NetworkFailure.KindOf(ex), ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TransientFetchException(original, TotalTimeoutReason, FetchFailure.Timeout, ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new TransientFetchException(original, $"requests to {url.Authority} are paused after too many failures ({ex.Message})", FetchFailure.HostPaused, ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && status != 304)
            {
                return response.Headers.Location is { } location && Uri.TryCreate(url, location, out var next)
                    ? new Response(Rejected(original, $"HTTP {status} redirect", FetchFailure.Redirects), UrlCanonicalizer.WithoutFragment(next))
                    : new Response(Result(FetchStatus.Rejected, original, url, response, default, $"HTTP {status} without a usable Location", FetchFailure.HttpRefused));
            }

            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new Response(Result(FetchStatus.NotModified, original, url, response, default, "not modified since the stored copy", FetchFailure.None));
            }

            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return new Response(Result(FetchStatus.Gone, original, url, response, default, $"HTTP {status}", FetchFailure.Gone));
            }

            if (status is 429 or 503 || status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
            {
                // The pipeline has retried what it could; the queue tries again later.
                throw new TransientFetchException(original, $"HTTP {status} {response.ReasonPhrase}{LongRetryAfter(response)}", FetchFailure.HttpStatus, httpStatus: status);
            }

            if (status is < 200 or >= 300)
            {
                return new Response(Result(FetchStatus.Rejected, original, url, response, default, $"HTTP {status} {response.ReasonPhrase}", FetchFailure.HttpRefused));
            }

            if (request.Options.TryGetValue(HostGateHandler.BodyRefusal, out var tooLarge))
            {
                return new Response(Result(FetchStatus.Rejected, original, url, response, default, tooLarge, FetchFailure.TooLarge));
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new Response(Result(FetchStatus.Fetched, original, url, response, body, null, FetchFailure.None));
        }
    }

    private string LongRetryAfter(HttpResponseMessage response) =>
        FetchPipeline.RetryAfter(response, time) is { } wait && wait > TimeSpan.FromSeconds(_options.MaxRetryAfterSeconds)
            ? $"; the site asks to wait {wait.TotalSeconds:0} s, longer than Ingest:Fetching:MaxRetryAfterSeconds"
            : "";

    /// <summary>The gap after a request to the host: MinDelayPerHostMilliseconds, or robots.txt's Crawl-delay up to MaxCrawlDelaySeconds.</summary>
    private TimeSpan GapFor(RobotsTxt robots)
    {
        var gap = TimeSpan.FromMilliseconds(_options.MinDelayPerHostMilliseconds);
        if (robots.CrawlDelay(_options.RobotsToken) is { } crawlDelay)
        {
            var capped = TimeSpan.FromSeconds(Math.Min(crawlDelay.TotalSeconds, _options.MaxCrawlDelaySeconds));
            gap = capped > gap ? capped : gap;
        }

        return gap;
    }

    private FetchResult Rejected(Uri url, string reason, FetchFailure failure) => new()
    {
        Status = FetchStatus.Rejected,
        RequestedUrl = url,
        FetchedAt = time.GetUtcNow(),
        Reason = reason,
        Failure = failure,
    };

    private FetchResult Result(FetchStatus status, Uri url, Uri finalUrl, HttpResponseMessage response, ReadOnlyMemory<byte> body, string? reason, FetchFailure failure) => new()
    {
        Failure = failure,
        Status = status,
        RequestedUrl = url,
        FinalUrl = finalUrl,
        HttpStatus = (int)response.StatusCode,
        Content = body,
        ContentType = response.Content.Headers.ContentType?.ToString(),
        ETag = response.Headers.ETag?.ToString(),
        LastModified = response.Content.Headers.LastModified,
        FetchedAt = time.GetUtcNow(),
        Reason = reason,
    };

    private sealed record Response(FetchResult Result, Uri? RedirectTo = null)
    {
        public FetchStatus Status => Result.Status;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Refused to fetch {Url}: {Reason}")]
        public static partial void AddressRefused(ILogger logger, Uri url, string reason);
    }
}
