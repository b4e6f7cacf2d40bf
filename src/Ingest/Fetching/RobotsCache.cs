using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Ingest.Fetching;

/// <summary>
/// The robots.txt of each origin, fetched through the fetch pipeline (host gate and address rules apply, retries do
/// not) and kept Ingest:Fetching:RobotsCacheMinutes: 2xx parsed, 4xx allow everything, 5xx or unreachable disallow
/// everything and are asked again after at most 10 minutes (RFC 9309 2.3.1).
/// </summary>
public sealed partial class RobotsCache(
    IHttpClientFactory httpClients,
    HostAllowList hosts,
    IOptions<FetchOptions> options,
    TimeProvider time,
    ILogger<RobotsCache> logger)
{
    private const int MaxRedirects = 5;
    private static readonly TimeSpan ShortCache = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (RobotsTxt Robots, DateTimeOffset Expires, RobotsUnavailable? Unavailable)> _robots = new(StringComparer.OrdinalIgnoreCase);

    // One fetch of a host's robots.txt at a time: the pages of a batch that start together wait for it, instead of
    // each asking the site for robots.txt.
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsTxt>>> _pending = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The robots.txt that applies to <paramref name="url"/>. Throws <see cref="AddressRefusedException"/> when the
    /// host itself is refused by the address rules: that is the page's answer too, not a robots.txt matter.
    /// </summary>
    public async Task<RobotsTxt> ForAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var origin = url.GetLeftPart(UriPartial.Authority);
        if (_robots.TryGetValue(origin, out var cached) && cached.Expires > time.GetUtcNow())
        {
            return cached.Robots;
        }

        return await _pending.GetOrAdd(origin, o => new Lazy<Task<RobotsTxt>>(() => LoadAsync(o))).Value.WaitAsync(cancellationToken);
    }

    // Bounded by the HTTP pipeline's own timeouts; not by one waiting caller's token, since others share it.
    private async Task<RobotsTxt> LoadAsync(string origin)
    {
        try
        {
            var robotsUrl = new Uri(origin + "/robots.txt");
            var keep = TimeSpan.FromMinutes(options.Value.RobotsCacheMinutes);
            var (robots, unavailable) = await FetchAsync(robotsUrl, CancellationToken.None);
            if (unavailable is not null)
            {
                // Disallow everything, but ask again soon rather than in hours.
                Log.RobotsUnavailable(logger, robotsUrl, unavailable.Reason);
                keep = keep < ShortCache ? keep : ShortCache;
            }

            _robots[origin] = (robots, time.GetUtcNow() + keep, unavailable);
            return robots;
        }
        finally
        {
            // Cached now (or failed): the next caller after expiry starts a new fetch.
            _pending.TryRemove(origin, out _);
        }
    }

    /// <summary>
    /// Why the robots.txt that applies to <paramref name="url"/> could not be read (DNS, connection, TLS, timeout, a
    /// server error), or null when it was read: a page refused only because of that is refused for that reason, not
    /// for a rule the site never stated.
    /// </summary>
    public RobotsUnavailable? UnavailableReason(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return _robots.TryGetValue(url.GetLeftPart(UriPartial.Authority), out var cached) ? cached.Unavailable : null;
    }

    /// <summary>The parsed robots.txt, and why it is unavailable (a server error, unreachable) if it is.</summary>
    private async Task<(RobotsTxt Robots, RobotsUnavailable? Unavailable)> FetchAsync(Uri robotsUrl, CancellationToken cancellationToken)
    {
        var current = robotsUrl;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            if (!hosts.AllowsHost(current))
            {
                return (RobotsTxt.DisallowAll, null);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.TryAddWithoutValidation("User-Agent", options.Value.UserAgentHeader);
            request.Options.Set(FetchPipeline.SingleAttempt, true);
            request.Options.Set(HostGateHandler.BodyLimit, RobotsTxt.MaxBytes * 2L);
            try
            {
                using var response = await httpClients.CreateClient(FetchPipeline.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location && Uri.TryCreate(current, location, out var next))
                {
                    current = next;
                    continue;
                }

                if (status is >= 200 and < 300)
                {
                    // Over the limit the handler leaves the content empty: parsed as no rules.
                    return (RobotsTxt.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken)), null);
                }

                return status is >= 400 and < 500 ? (RobotsTxt.AllowAll, null) : (RobotsTxt.DisallowAll, new RobotsUnavailable($"robots.txt answered HTTP {status}", FetchFailure.RobotsUnavailable));
            }
            catch (HttpRequestException ex) when (AddressGuard.FindRefusal(ex) is { } refusal)
            {
                throw refusal;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or ExecutionRejectedException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var kind = ex switch
                {
                    AttemptFailedException attempt => attempt.Kind,
                    HttpRequestException http => NetworkFailure.KindOf(http),
                    OperationCanceledException => FetchFailure.Timeout,
                    _ => FetchFailure.NetworkError,
                };
                return (RobotsTxt.DisallowAll, new RobotsUnavailable($"robots.txt unreachable: {(ex is HttpRequestException http2 && ex is not AttemptFailedException ? NetworkFailure.Describe(http2) : ex.Message)}", kind));
            }
        }

        return (RobotsTxt.DisallowAll, null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "robots.txt at {Url} is unreachable ({Reason}); the host is treated as disallowing everything for now")]
        public static partial void RobotsUnavailable(ILogger logger, Uri url, string reason);
    }
}

/// <summary>Why a host's robots.txt could not be read, and the kind of that failure (a DNS failure stays one).</summary>
public sealed record RobotsUnavailable(string Reason, FetchFailure Kind);
