using Microsoft.Extensions.Options;

namespace Ingest.Fetching;

/// <summary>
/// One attempt of a request, inside the resilience handler so that each retry passes here again: it waits for the
/// host's turn at the <see cref="HostGate"/>, then gives the attempt Ingest:Fetching:TimeoutSeconds for headers and
/// body (counted from the turn, not from the wait), reads the body of a 2xx answer into memory up to its limit, and
/// holds the host after a 429 or 503 with Retry-After.
/// </summary>
internal sealed class HostGateHandler(HostGate gate, IOptions<FetchOptions> options, TimeProvider time) : DelegatingHandler
{
    /// <summary>The gap after this request before the host's next one (default: MinDelayPerHostMilliseconds).</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> Gap = new("Ingest.Fetching.Gap");

    /// <summary>The largest body read, counted decompressed (default: MaxResponseBytes).</summary>
    public static readonly HttpRequestOptionsKey<long> BodyLimit = new("Ingest.Fetching.BodyLimit");

    /// <summary>Set by the handler when the body was over its limit: why it was not read. The content is then empty.</summary>
    public static readonly HttpRequestOptionsKey<string> BodyRefusal = new("Ingest.Fetching.BodyRefusal");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetch = options.Value;
        var url = request.RequestUri ?? throw new ArgumentException("The request has no URL.", nameof(request));
        var gap = request.Options.TryGetValue(Gap, out var asked) ? asked : TimeSpan.FromMilliseconds(fetch.MinDelayPerHostMilliseconds);
        var limit = request.Options.TryGetValue(BodyLimit, out var bodyLimit) ? bodyLimit : fetch.MaxResponseBytes;
        ((IDictionary<string, object?>)request.Options).Remove(BodyRefusal.Key);

        using var turn = await gate.EnterAsync(url.Authority, gap, cancellationToken);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(fetch.TimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, attempt.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AttemptFailedException($"no response within Ingest:Fetching:TimeoutSeconds ({fetch.TimeoutSeconds} s)", ex, FetchFailure.Timeout);
        }

        try
        {
            var status = (int)response.StatusCode;
            if (status is 429 or 503 && FetchPipeline.RetryAfter(response, time) is { } wait)
            {
                gate.HoldUntil(url.Authority, time.GetUtcNow() + wait);
            }

            if (response.IsSuccessStatusCode)
            {
                await BufferAsync(request, response, limit, fetch.TimeoutSeconds, attempt.Token, cancellationToken);
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the body into memory within the attempt, so a slow or broken body is a failed attempt the resilience
    /// handler retries, and a body over the limit (a gzip bomb included, as it is counted decompressed) stops there.
    /// </summary>
    private static async Task BufferAsync(HttpRequestMessage request, HttpResponseMessage response, long limit, int timeoutSeconds, CancellationToken attempt, CancellationToken cancellationToken)
    {
        var original = response.Content;
        if (original.Headers.ContentLength is { } declared && declared > limit)
        {
            request.Options.Set(BodyRefusal, $"the body ({declared} bytes) is larger than Ingest:Fetching:MaxResponseBytes ({limit})");
            response.Content = Replace(original, []);
            return;
        }

        byte[]? body;
        try
        {
            body = await ReadLimitedAsync(original, limit, attempt);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AttemptFailedException($"the body did not arrive within Ingest:Fetching:TimeoutSeconds ({timeoutSeconds} s)", ex, FetchFailure.Timeout);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
        {
            throw new AttemptFailedException($"the connection broke while reading the body: {ex.Message}", ex, FetchFailure.ConnectionBroken);
        }

        if (body is null)
        {
            request.Options.Set(BodyRefusal, $"the body is larger than Ingest:Fetching:MaxResponseBytes ({limit} bytes, counted decompressed)");
        }

        response.Content = Replace(original, body ?? []);
    }

    private static ByteArrayContent Replace(HttpContent original, byte[] body)
    {
        var buffered = new ByteArrayContent(body);
        foreach (var header in original.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        original.Dispose();
        return buffered;
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
}

/// <summary>
/// One attempt failed in a way another attempt may fix: no response or no complete body within TimeoutSeconds, or
/// the connection broke. An <see cref="HttpRequestException"/>, so the standard resilience handler retries it.
/// </summary>
internal sealed class AttemptFailedException(string message, Exception inner, FetchFailure kind) : HttpRequestException(message, inner)
{
    /// <summary>What failed: a timeout, or the connection broken mid-body.</summary>
    public FetchFailure Kind { get; } = kind;
}
