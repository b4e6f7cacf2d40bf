using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Ingest.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Fetching;

/// <summary>
/// Fetches one URL politely and safely: only allowed hosts, robots.txt obeyed, one request at a time per host with a
/// minimum gap, redirects followed here (each hop checked again), conditional GET, a streamed size limit, and a few
/// jittered retries. Expected ends are results; failures a later attempt may fix throw
/// <see cref="TransientFetchException"/> so the queue retries.
/// </summary>
public sealed partial class PageFetcher(
    IHttpClientFactory httpClients,
    HostGate gate,
    IOptions<FetchOptions> options,
    IOptions<IngestOptions> sources,
    TimeProvider time,
    ILogger<PageFetcher> logger)
{
    /// <summary>The name of the HTTP client pipeline.</summary>
    public const string ClientName = "ingest-fetch";

    private readonly FetchOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, (RobotsTxt Robots, DateTimeOffset Expires)> _robots = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<HashSet<string>> _allowedHosts = new(() => AllowedHosts(options.Value, sources.Value));

    /// <summary>Fetches <paramref name="url"/>, conditionally when <paramref name="conditions"/> are given.</summary>
    public async Task<FetchResult> FetchAsync(Uri url, CancellationToken cancellationToken, FetchConditions? conditions = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(TimeSpan.FromSeconds(_options.TotalTimeoutSeconds));
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await FollowAsync(url, conditions, total.Token);
                }
                catch (RetryableException ex) when (attempt < _options.MaxRetries)
                {
                    var wait = ex.RetryAfter ?? Backoff(attempt);
                    if (wait > TimeSpan.FromSeconds(_options.MaxRetryAfterSeconds))
                    {
                        throw new TransientFetchException(url, $"{ex.Message}; the site asks to wait {wait.TotalSeconds:0} s, longer than Ingest:Fetching:MaxRetryAfterSeconds", ex);
                    }

                    Log.Retrying(logger, url, attempt + 1, wait.TotalMilliseconds, ex.Message);
                    await Task.Delay(wait, time, total.Token);
                }
                catch (RetryableException ex)
                {
                    throw new TransientFetchException(url, ex.Message, ex.InnerException);
                }
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientFetchException(url, $"not done within Ingest:Fetching:TotalTimeoutSeconds ({_options.TotalTimeoutSeconds} s)", ex);
        }
    }

    /// <summary>
    /// The connect callback of the fetch pipeline: resolves the host and connects only to addresses the rules allow,
    /// so the check applies to the address actually used (a DNS name pointing at, or rebinding to, a private address
    /// is refused like a literal one).
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, IHostAddressResolver resolver, FetchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(options);
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(a => AddressGuard.IsPublic(a) || (IsLoopback(a) && options.AllowedLoopbackPorts.Contains(port))).ToArray();
        if (allowed.Length == 0)
        {
            throw new AddressRefusedException(host, addresses.Length == 0
                ? "the name resolves to no address"
                : $"it resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}: loopback, private, link-local or reserved addresses are not fetched (loopback only on ports listed in Ingest:Fetching:AllowedLoopbackPorts)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="exception"/> is, or wraps, a refusal by the address rules.</summary>
    public static bool IsRefusal(Exception? exception) => FindRefusal(exception) is not null;

    private async Task<FetchResult> FollowAsync(Uri url, FetchConditions? conditions, CancellationToken cancellationToken)
    {
        var current = url;
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        for (var hop = 0; ; hop++)
        {
            if (!current.IsAbsoluteUri || (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps))
            {
                return Rejected(url, $"only absolute http and https URLs are fetched, not '{current}'");
            }

            if (!_options.AllowAnyHost && !_allowedHosts.Value.Contains(current.IdnHost.ToLowerInvariant()))
            {
                return Rejected(url, $"host '{current.Host}' is not a host of a configured source (Ingest:Sources) nor in Ingest:Fetching:AllowedHosts");
            }

            RobotsTxt robots;
            try
            {
                robots = _options.RespectRobotsTxt ? await RobotsForAsync(current, cancellationToken) : RobotsTxt.AllowAll;
            }
            catch (RefusedException ex)
            {
                Log.AddressRefused(logger, current, ex.Message);
                return Rejected(url, ex.Message);
            }

            if (!robots.IsAllowed(_options.RobotsToken, current.PathAndQuery))
            {
                return new FetchResult { Status = FetchStatus.Disallowed, RequestedUrl = url, FinalUrl = current, FetchedAt = time.GetUtcNow(), Reason = $"robots.txt of {current.Host} disallows {current.PathAndQuery} for {_options.RobotsToken}" };
            }

            var response = await SendAsync(url, current, conditions, cancellationToken);
            if (response.Status != FetchStatus.Rejected || response.RedirectTo is null)
            {
                return response.Result;
            }

            var next = response.RedirectTo;
            if (hop + 1 > _options.MaxRedirects)
            {
                return Rejected(url, $"more than {_options.MaxRedirects} redirects (Ingest:Fetching:MaxRedirects)");
            }

            if (!visited.Add(next.AbsoluteUri))
            {
                return Rejected(url, $"redirect loop at {next}");
            }

            current = next;
        }
    }

    private async Task<Response> SendAsync(Uri original, Uri url, FetchConditions? conditions, CancellationToken cancellationToken)
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

        using var turn = await gate.EnterAsync(url.Authority, await GapForAsync(url, cancellationToken), cancellationToken);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
        {
            Log.AddressRefused(logger, url, refusal.Message);
            return new Response(Rejected(original, refusal.Message));
        }
        catch (HttpRequestException ex)
        {
            throw new RetryableException($"network error: {ex.Message}", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RetryableException($"no response within Ingest:Fetching:TimeoutSeconds ({_options.TimeoutSeconds} s)", null, ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && status != 304)
            {
                return response.Headers.Location is { } location && Uri.TryCreate(url, location, out var next)
                    ? new Response(Rejected(original, $"HTTP {status} redirect"), UrlCanonicalizer.WithoutFragment(next))
                    : new Response(Result(FetchStatus.Rejected, original, url, response, default, $"HTTP {status} without a usable Location"));
            }

            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new Response(Result(FetchStatus.NotModified, original, url, response, default, "not modified since the stored copy"));
            }

            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return new Response(Result(FetchStatus.Gone, original, url, response, default, $"HTTP {status}"));
            }

            if (status is 429 or 503)
            {
                var retryAfter = RetryAfter(response);
                if (retryAfter is { } wait)
                {
                    gate.HoldUntil(url.Authority, time.GetUtcNow() + wait);
                }

                throw new RetryableException($"HTTP {status} {response.ReasonPhrase}", retryAfter);
            }

            if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
            {
                throw new RetryableException($"HTTP {status} {response.ReasonPhrase}", null);
            }

            if (status is < 200 or >= 300)
            {
                return new Response(Result(FetchStatus.Rejected, original, url, response, default, $"HTTP {status} {response.ReasonPhrase}"));
            }

            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
            {
                return new Response(Result(FetchStatus.Rejected, original, url, response, default, $"the body ({response.Content.Headers.ContentLength} bytes) is larger than Ingest:Fetching:MaxResponseBytes ({_options.MaxResponseBytes})"));
            }

            byte[]? body;
            try
            {
                body = await ReadLimitedAsync(response.Content, _options.MaxResponseBytes, attempt.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RetryableException($"the body did not arrive within Ingest:Fetching:TimeoutSeconds ({_options.TimeoutSeconds} s)", null, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
            {
                throw new RetryableException($"the connection broke while reading the body: {ex.Message}", null, ex);
            }

            return body is null
                ? new Response(Result(FetchStatus.Rejected, original, url, response, default, $"the body is larger than Ingest:Fetching:MaxResponseBytes ({_options.MaxResponseBytes} bytes, counted decompressed)"))
                : new Response(Result(FetchStatus.Fetched, original, url, response, body, null));
        }
    }

    private async Task<TimeSpan> GapForAsync(Uri url, CancellationToken cancellationToken)
    {
        var gap = TimeSpan.FromMilliseconds(_options.MinDelayPerHostMilliseconds);
        if (_options.RespectRobotsTxt && (await RobotsForAsync(url, cancellationToken)).CrawlDelay(_options.RobotsToken) is { } crawlDelay)
        {
            var capped = TimeSpan.FromSeconds(Math.Min(crawlDelay.TotalSeconds, _options.MaxCrawlDelaySeconds));
            gap = capped > gap ? capped : gap;
        }

        return gap;
    }

    /// <summary>
    /// The robots.txt of the URL's origin, cached: 2xx parsed, 4xx allow everything, 5xx or unreachable disallow
    /// everything (RFC 9309 2.3.1), each for Ingest:Fetching:RobotsCacheMinutes.
    /// </summary>
    private async Task<RobotsTxt> RobotsForAsync(Uri url, CancellationToken cancellationToken)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        if (_robots.TryGetValue(origin, out var cached) && cached.Expires > time.GetUtcNow())
        {
            return cached.Robots;
        }

        var robotsUrl = new Uri(origin + "/robots.txt");
        var keep = TimeSpan.FromMinutes(_options.RobotsCacheMinutes);
        RobotsTxt robots;
        try
        {
            (robots, var serverError) = await FetchRobotsAsync(robotsUrl, cancellationToken);
            if (serverError)
            {
                Log.RobotsUnavailable(logger, robotsUrl, "server error");
                keep = ShortRobotsCache(keep);
            }
        }
        catch (RetryableException ex)
        {
            // Unreachable: disallow everything, but ask again soon rather than in hours.
            Log.RobotsUnavailable(logger, robotsUrl, ex.Message);
            robots = RobotsTxt.DisallowAll;
            keep = ShortRobotsCache(keep);
        }

        _robots[origin] = (robots, time.GetUtcNow() + keep);
        return robots;
    }

    private static TimeSpan ShortRobotsCache(TimeSpan keep) => keep < TimeSpan.FromMinutes(10) ? keep : TimeSpan.FromMinutes(10);

    /// <summary>The parsed robots.txt, and whether the answer was a server error (disallow all, for a short while).</summary>
    private async Task<(RobotsTxt Robots, bool ServerError)> FetchRobotsAsync(Uri robotsUrl, CancellationToken cancellationToken)
    {
        var current = robotsUrl;
        for (var hop = 0; hop <= 5; hop++)
        {
            if (!_options.AllowAnyHost && !_allowedHosts.Value.Contains(current.IdnHost.ToLowerInvariant()))
            {
                return (RobotsTxt.DisallowAll, false);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgentHeader);
            using var turn = await gate.EnterAsync(current.Authority, TimeSpan.FromMilliseconds(_options.MinDelayPerHostMilliseconds), cancellationToken);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            try
            {
                using var response = await httpClients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location && Uri.TryCreate(current, location, out var next))
                {
                    current = next;
                    continue;
                }

                if (status is >= 200 and < 300)
                {
                    var body = await ReadLimitedAsync(response.Content, RobotsTxt.MaxBytes * 2L, attempt.Token);
                    return (RobotsTxt.Parse(body ?? []), false);
                }

                return status is >= 400 and < 500 ? (RobotsTxt.AllowAll, false) : (RobotsTxt.DisallowAll, true);
            }
            catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
            {
                // The host itself is refused: that is the page's answer too, not a robots.txt matter.
                throw new RefusedException(refusal.Message);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new RetryableException($"robots.txt unreachable: {ex.Message}", null, ex);
            }
        }

        return (RobotsTxt.DisallowAll, false);
    }

    private static HashSet<string> AllowedHosts(FetchOptions fetch, IngestOptions ingest)
    {
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in ingest.Sources)
        {
            if (Uri.TryCreate(source.Url, UriKind.Absolute, out var url))
            {
                hosts.Add(url.IdnHost.ToLowerInvariant());
                hosts.UnionWith(source.ArticleHosts());
            }
        }

        hosts.UnionWith(fetch.AllowedHosts.Select(h => h.ToLowerInvariant()));
        return hosts;
    }

    private static bool IsLoopback(IPAddress address) => IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (response.Headers.RetryAfter?.Date is { } date)
        {
            var wait = date - (response.Headers.Date ?? DateTimeOffset.UtcNow);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    // Exponential with full jitter: 0.5 s, 1 s, 2 s … times a random factor in [0.5, 1.5).
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble()));

    private static AddressRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is AddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private FetchResult Rejected(Uri url, string reason) => new()
    {
        Status = FetchStatus.Rejected,
        RequestedUrl = url,
        FetchedAt = time.GetUtcNow(),
        Reason = reason,
    };

    private FetchResult Result(FetchStatus status, Uri url, Uri finalUrl, HttpResponseMessage response, ReadOnlyMemory<byte> body, string? reason) => new()
    {
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

    private sealed class RefusedException(string message) : Exception(message);

    private sealed class RetryableException(string message, TimeSpan? retryAfter, Exception? inner = null) : Exception(message, inner)
    {
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Refused to fetch {Url}: {Reason}")]
        public static partial void AddressRefused(ILogger logger, Uri url, string reason);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Fetching {Url}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
        public static partial void Retrying(ILogger logger, Uri url, int attempt, double delayMs, string reason);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "robots.txt at {Url} is unreachable ({Reason}); the host is treated as disallowing everything for now")]
        public static partial void RobotsUnavailable(ILogger logger, Uri url, string reason);
    }
}
