using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Ingest.Fetching;

/// <summary>
/// The one HTTP pipeline of fetching, outermost first: the standard resilience handler (total timeout, retries with
/// backoff and Retry-After, a circuit breaker per host), then <see cref="HostGateHandler"/> (each attempt waits its
/// turn at the host and has its own timeout), then a socket handler that connects only where
/// <see cref="AddressGuard"/> allows and never follows redirects (the fetcher does, checking every hop).
/// </summary>
public static partial class FetchPipeline
{
    /// <summary>The name of the HTTP client pipeline.</summary>
    public const string ClientName = "ingest-fetch";

    /// <summary>Set on a request that must not be retried here (robots.txt: unreachable means "ask again later").</summary>
    public static readonly HttpRequestOptionsKey<bool> SingleAttempt = new("Ingest.Fetching.SingleAttempt");

    /// <summary>The median first backoff; later ones double (exponential with jitter).</summary>
    internal static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    // Circuit breaker, per host: open when at least half of at least 10 attempts in the sampling window failed, and
    // then send nothing to that host for 30 s. Defaults of the standard handler (10 % of 100 in 30 s) never trip
    // at one request per host per second; these do, and spare a failing site the queue's further retries.
    private const double BreakFailureRatio = 0.5;
    private const int BreakMinimumThroughput = 10;
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinimumSamplingDuration = TimeSpan.FromSeconds(60);

    /// <summary>Registers the fetcher, its rules and its HTTP pipeline.</summary>
    public static IServiceCollection AddFetching(this IServiceCollection services)
    {
        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton<HostGate>();
        services.AddSingleton<HostAllowList>();
        services.AddSingleton<RobotsCache>();
        services.AddSingleton<PageFetcher>();
        services.AddTransient<HostGateHandler>();

        var client = services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var fetch = sp.GetRequiredService<IOptions<FetchOptions>>().Value;
                var resolver = sp.GetRequiredService<IHostAddressResolver>();
                return new SocketsHttpHandler
                {
                    AutomaticDecompression = DecompressionMethods.All,
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectCallback = (context, ct) => AddressGuard.ConnectAsync(context, resolver, fetch, ct),
                };
            });
        client.AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                FetchOptions fetch;
                try
                {
                    fetch = sp.GetRequiredService<IOptions<FetchOptions>>().Value;
                }
                catch (OptionsValidationException)
                {
                    // A bad Ingest:Fetching setting is reported by the validation of FetchOptions, naming the setting;
                    // failing here too would wrap that message in an AggregateException at start.
                    return;
                }

                Configure(resilience, fetch, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PageFetcher>>());
            })
            .SelectPipelineByAuthority();

        // Added after the resilience handler, so inside it: every retry waits its turn at the host gate again.
        client.AddHttpMessageHandler<HostGateHandler>();
        return services;
    }

    /// <summary>Sets the standard resilience options from <paramref name="fetch"/>.</summary>
    internal static void Configure(HttpStandardResilienceOptions resilience, FetchOptions fetch, TimeProvider time, ILogger logger)
    {
        var total = TimeSpan.FromSeconds(fetch.TotalTimeoutSeconds);
        resilience.TotalRequestTimeout.Timeout = total;

        // Each attempt's TimeoutSeconds is applied by HostGateHandler from the moment the attempt has its turn at the
        // host: the standard attempt timeout would also count the wait for that turn (docs/fetching.md, Resilience).
        // This one is only a backstop.
        resilience.AttemptTimeout.Timeout = total;

        var retries = fetch.MaxRetries;
        var cap = TimeSpan.FromSeconds(fetch.MaxRetryAfterSeconds);
        resilience.Retry.MaxRetryAttempts = Math.Max(1, retries);
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = FirstBackoff;
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
            args.AttemptNumber < retries
            && IsHostFailure(args.Outcome)
            && !IsSingleAttempt(args.Context)

            // The handler would wait any Retry-After; a longer one than the cap goes back to the queue instead.
            && !(args.Outcome.Result is { } response && RetryAfter(response, time) > cap));
        resilience.Retry.OnRetry = args =>
        {
            Log.Retrying(logger, args.Context.GetRequestMessage()?.RequestUri, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, Describe(args.Outcome));
            return ValueTask.CompletedTask;
        };

        resilience.CircuitBreaker.FailureRatio = BreakFailureRatio;
        resilience.CircuitBreaker.MinimumThroughput = BreakMinimumThroughput;
        resilience.CircuitBreaker.BreakDuration = BreakDuration;
        resilience.CircuitBreaker.SamplingDuration = total * 2 > MinimumSamplingDuration ? total * 2 : MinimumSamplingDuration;
        resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsHostFailure(args.Outcome));
        resilience.CircuitBreaker.OnOpened = args =>
        {
            Log.CircuitOpened(logger, args.Context.GetRequestMessage()?.RequestUri?.Authority, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>
    /// The wait a response asks for in Retry-After (seconds or a date, counted from the response's Date), or null.
    /// </summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (response.Headers.RetryAfter?.Date is { } date)
        {
            var wait = date - (response.Headers.Date ?? time.GetUtcNow());
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>The standard transient outcomes, except a refusal by the address rules, which no retry changes.</summary>
    private static bool IsHostFailure(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome) && AddressGuard.FindRefusal(outcome.Exception) is null;

    private static bool IsSingleAttempt(ResilienceContext context) =>
        context.GetRequestMessage()?.Options.TryGetValue(SingleAttempt, out var single) == true && single;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" : outcome.Exception?.Message ?? "no outcome";

    private static partial class Log
    {
        [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Fetching {Url}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
        public static partial void Retrying(ILogger logger, Uri? url, int attempt, double delayMs, string reason);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Requests to {Host} paused for {BreakSeconds} s: too many failed lately (last: {Reason})")]
        public static partial void CircuitOpened(ILogger logger, string? host, double breakSeconds, string reason);
    }
}
