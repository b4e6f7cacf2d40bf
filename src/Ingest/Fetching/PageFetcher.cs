using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Fetching;

/// <summary>
/// Fetches one page through the one <see cref="HttpClient"/> pipeline of the app. Expected ends (gone, refused, too
/// large) are results; failures a retry may fix throw <see cref="TransientFetchException"/> so the queue retries.
/// </summary>
public sealed partial class PageFetcher(HttpClient http, IOptions<FetchOptions> options, TimeProvider time, ILogger<PageFetcher> logger)
{
    /// <summary>The name of the HTTP client pipeline.</summary>
    public const string ClientName = "ingest-fetch";

    private readonly FetchOptions _options = options.Value;

    /// <summary>Fetches <paramref name="url"/>.</summary>
    public async Task<FetchResult> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return Rejected(url, 0, $"only absolute http and https URLs are fetched, not '{url}'");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,*/*;q=0.5");

        // The resilience pipeline times each attempt; this bounds the whole fetch, body included.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds * (_options.MaxRetries + 2)));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
        {
            Log.AddressRefused(logger, url, refusal.Message);
            return Rejected(url, 0, refusal.Message);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientFetchException(url, $"network error: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientFetchException(url, $"no response within {_options.TimeoutSeconds} s per attempt", ex);
        }
        catch (Polly.ExecutionRejectedException ex)
        {
            throw new TransientFetchException(url, $"{ex.Message}", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var finalUrl = response.RequestMessage?.RequestUri ?? url;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return Result(FetchStatus.NotModified, url, finalUrl, response, default, "not modified since the stored copy");
            }

            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return Result(FetchStatus.Gone, url, finalUrl, response, default, $"HTTP {status}");
            }

            if (status == 429 || status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
            {
                throw new TransientFetchException(url, $"HTTP {status} {response.ReasonPhrase}");
            }

            if (status is < 200 or >= 300)
            {
                return Result(FetchStatus.Rejected, url, finalUrl, response, default, $"HTTP {status} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
            {
                return Result(FetchStatus.Rejected, url, finalUrl, response, default, $"the body ({response.Content.Headers.ContentLength} bytes) is larger than the limit of {_options.MaxResponseBytes} bytes");
            }

            byte[]? body;
            try
            {
                body = await ReadLimitedAsync(response.Content, _options.MaxResponseBytes, timeout.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TransientFetchException(url, $"the body did not arrive within {_options.TimeoutSeconds} s", ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw new TransientFetchException(url, $"the connection broke while reading the body: {ex.Message}", ex);
            }

            return body is null
                ? Result(FetchStatus.Rejected, url, finalUrl, response, default, $"the body is larger than the limit of {_options.MaxResponseBytes} bytes")
                : Result(FetchStatus.Fetched, url, finalUrl, response, body, null);
        }
    }

    /// <summary>
    /// The connect callback of the fetch pipeline: resolves the host and connects only to addresses the policy allows,
    /// so the check applies to the address actually used.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = allowPrivateNetworks ? addresses : addresses.Where(AddressGuard.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new AddressRefusedException(host, addresses.Length == 0
                ? "the name resolves to no address"
                : $"it resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, a loopback, private or reserved address (set Ingest:Fetching:AllowPrivateNetworks only for local testing)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
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

    private FetchResult Rejected(Uri url, int status, string reason) => new()
    {
        Status = FetchStatus.Rejected,
        RequestedUrl = url,
        HttpStatus = status,
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Refused to fetch {Url}: {Reason}")]
        public static partial void AddressRefused(ILogger logger, Uri url, string reason);
    }
}
