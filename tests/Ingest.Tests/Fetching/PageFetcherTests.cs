using System.IO.Compression;
using System.Net;
using System.Text;
using Ingest.Fetching;
using Ingest.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Tests.Fetching;

/// <summary>The fetcher against a real loopback HTTP server that misbehaves on purpose.</summary>
public sealed class PageFetcherTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Task Html(HttpContext context, string body = "<html><body><p>ok</p></body></html>")
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(body);
    }

    [Fact]
    public async Task FetchAsync_GzipPage_ReturnsDecodedBytesHeadersAndHonestUserAgent()
    {
        var html = "<html><body><p>안녕하세요</p></body></html>";
        await using var server = await LoopbackServer.StartAsync(("/page", async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.Headers.ETag = "\"v1\"";
            await context.Response.Body.WriteAsync(Gzip(Encoding.UTF8.GetBytes(html)));
        }));
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("page"), None);

        Assert.Equal(FetchStatus.Fetched, result.Status);
        Assert.Equal(html, Encoding.UTF8.GetString(result.Content.Span));
        Assert.Equal("\"v1\"", result.ETag);
        Assert.Equal("IngestBot/0.3 (+tests@example.org)", server.Received.Single(r => r.Path == "/page").Headers["User-Agent"]);
    }

    [Theory]
    [InlineData(404, FetchStatus.Gone)]
    [InlineData(410, FetchStatus.Gone)]
    [InlineData(403, FetchStatus.Rejected)]
    public async Task FetchAsync_FinalStatus_IsAResult(int status, FetchStatus expected)
    {
        await using var server = await LoopbackServer.StartAsync(("/x", context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }));
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), None);

        Assert.Equal(expected, result.Status);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Reason, StringComparison.Ordinal);
        Assert.Equal(expected == FetchStatus.Gone ? FetchFailure.Gone : FetchFailure.HttpRefused, result.Failure);
        Assert.Equal($"http-{status}", FetchFailures.Label(result.Failure, result.HttpStatus));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_ServerErrorThenSuccess_RetriesAndSucceeds()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(("/x", context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 500;
                return Task.CompletedTask;
            }

            return Html(context);
        }));
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), None);

        Assert.Equal(FetchStatus.Fetched, result.Status);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_ServerErrorEveryTime_ThrowsTransientAfterTheConfiguredRetries()
    {
        await using var server = await LoopbackServer.StartAsync(("/x", context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        }));
        await using var services = Services.For(server, new Dictionary<string, string?> { ["Ingest:Fetching:MaxRetries"] = "2" });

        var ex = await Assert.ThrowsAsync<TransientFetchException>(() => services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), None));

        Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.Equal((FetchFailure.HttpStatus, "http-500"), (ex.Kind, ex.Label));
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_TooManyRequestsWithRetryAfter_WaitsThenSucceeds()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(("/x", context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                return Task.CompletedTask;
            }

            return Html(context);
        }));
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), None);

        Assert.Equal(FetchStatus.Fetched, result.Status);
        var pages = server.Received.Where(r => r.Path == "/x").ToList();
        Assert.Equal(2, pages.Count);
        Assert.True(pages[1].At - pages[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(pages[1].At - pages[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task FetchAsync_RetryAfterLongerThanTheCap_GivesTheMessageBackToTheQueue()
    {
        await using var server = await LoopbackServer.StartAsync(("/x", context =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "3600";
            return Task.CompletedTask;
        }));
        await using var services = Services.For(server);

        var ex = await Assert.ThrowsAsync<TransientFetchException>(() => services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), None));

        Assert.Contains("asks to wait 3600 s", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_SlowBody_ThrowsTransientWithinTheTimeout()
    {
        using var release = new CancellationTokenSource();
        await using var server = await LoopbackServer.StartAsync(("/slow", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><p>start");
            await context.Response.Body.FlushAsync();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), release.Token);
            }
            catch (OperationCanceledException)
            {
                // Released at the end of the test.
            }
        }));
        // robots.txt off: with a 1 s timeout a cold first request could time out on robots.txt instead of the body.
        await using var services = Services.For(server, new Dictionary<string, string?> { ["Ingest:Fetching:TimeoutSeconds"] = "1", ["Ingest:Fetching:MaxRetries"] = "0", ["Ingest:Fetching:RespectRobotsTxt"] = "false" });

        FetchResult? unexpected = null;
        TransientFetchException? ex = null;
        try
        {
            unexpected = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("slow"), None);
        }
        catch (TransientFetchException caught)
        {
            ex = caught;
        }

        await release.CancelAsync();

        Assert.True(unexpected is null, $"got {unexpected?.Status} {unexpected?.Reason} {unexpected?.Content.Length} {string.Join(",", server.Received.Select(r => r.Path))}");
        Assert.Contains("within Ingest:Fetching:TimeoutSeconds (1 s)", ex!.Message, StringComparison.Ordinal);
        Assert.Equal(FetchFailure.Timeout, ex.Kind);
    }

    [Fact]
    public async Task FetchAsync_ConnectionReset_ThrowsTransient()
    {
        await using var server = await LoopbackServer.StartAsync(("/reset", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(new string('x', 1000));
            await context.Response.Body.FlushAsync();
            context.Abort();
        }));
        await using var services = Services.For(server, new Dictionary<string, string?> { ["Ingest:Fetching:MaxRetries"] = "0" });

        // Depending on timing the reset surfaces while reading the headers or the body; both are transient.
        var ex = await Assert.ThrowsAsync<TransientFetchException>(() => services.GetRequiredService<PageFetcher>().FetchAsync(server.At("reset"), None));

        Assert.Contains("reset", ex.Message, StringComparison.Ordinal);
        Assert.Equal(FetchFailure.ConnectionBroken, ex.Kind);
    }

    [Fact]
    public async Task FetchAsync_RedirectLoop_IsRejected()
    {
        await using var server = await LoopbackServer.StartAsync(
            ("/a", context => Redirect(context, "/b")),
            ("/b", context => Redirect(context, "/a")));
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("a"), None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Contains("redirect loop", result.Reason, StringComparison.Ordinal);
        Assert.Equal(FetchFailure.Redirects, result.Failure);
    }

    [Fact]
    public async Task FetchAsync_LongRedirectChain_StopsAtTheLimit()
    {
        await using var server = await LoopbackServer.StartAsync(("*", context =>
        {
            var n = int.Parse(context.Request.Path.Value!.TrimStart('/'), System.Globalization.CultureInfo.InvariantCulture);
            return Redirect(context, "/" + (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }));
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("1"), None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Contains("more than 5 redirects", result.Reason, StringComparison.Ordinal);
        Assert.Equal(FetchFailure.Redirects, result.Failure);
        Assert.Equal(6, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_RedirectFollowed_EndsOnTheFinalUrl()
    {
        await using var server = await LoopbackServer.StartAsync(
            ("/old", context => Redirect(context, "/new")),
            ("/new", context => Html(context)));
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("old"), None);

        Assert.Equal(FetchStatus.Fetched, result.Status);
        Assert.Equal(server.At("new"), result.FinalUrl);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", false)]
    [InlineData("http://169.254.169.254/latest/meta-data/", true)]
    [InlineData("http://10.0.0.1/", true)]
    public async Task FetchAsync_RedirectToMetadataOrPrivateAddress_IsRefusedWithoutConnecting(string target, bool allowAnyHost)
    {
        await using var server = await LoopbackServer.StartAsync(("/go", context => Redirect(context, target)));
        await using var services = Services.For(server, new Dictionary<string, string?> { ["Ingest:Fetching:AllowAnyHost"] = allowAnyHost ? "true" : "false" });

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("go"), None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Contains(allowAnyHost ? "link-local or reserved" : "not a host of a configured source", result.Reason, StringComparison.Ordinal);
        Assert.Equal(allowAnyHost ? FetchFailure.AddressRefused : FetchFailure.HostNotAllowed, result.Failure);
    }

    [Fact]
    public async Task FetchAsync_RedirectToLoopbackPortNotAllowed_IsRefused()
    {
        await using var other = await LoopbackServer.StartAsync(("/secret", context => Html(context, "secret")));
        await using var server = await LoopbackServer.StartAsync(("/go", context => Redirect(context, other.At("secret").AbsoluteUri)));
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("go"), None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Contains("loopback", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, other.Requests);
    }

    [Fact]
    public async Task FetchAsync_LoopbackNotAllowedAtAll_IsRefusedWithoutRequest()
    {
        await using var server = await LoopbackServer.StartAsync(("/admin", context => Html(context, "secret")));
        await using var services = Services.Build(new Dictionary<string, string?> { ["Ingest:Sources:0:Url"] = server.BaseUrl.AbsoluteUri });

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("admin"), None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task FetchAsync_NameResolvingToAPrivateAddress_IsRefusedAtConnect()
    {
        await using var services = Services.Build(
            new Dictionary<string, string?> { ["Ingest:Sources:0:Url"] = "http://intranet.example/", ["Ingest:Fetching:RespectRobotsTxt"] = "false" },
            new FixedResolver(IPAddress.Parse("10.0.0.7")));

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(new Uri("http://intranet.example/wiki"), None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Contains("resolves to 10.0.0.7", result.Reason, StringComparison.Ordinal);
        Assert.Equal(FetchFailure.AddressRefused, result.Failure);
    }

    [Fact]
    public async Task FetchAsync_HostOfNoSource_IsRejectedWithoutRequest()
    {
        await using var services = Services.Build();

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(new Uri("https://elsewhere.example/x"), None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Contains("not a host of a configured source", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_BodyOverLimit_IsRejectedWhileStreaming()
    {
        await using var server = await LoopbackServer.StartAsync(("/big", async context =>
        {
            var chunk = new byte[16 * 1024];
            for (var i = 0; i < 16; i++)
            {
                await context.Response.Body.WriteAsync(chunk);
                await context.Response.Body.FlushAsync();
            }
        }));
        await using var services = Services.For(server, new Dictionary<string, string?> { ["Ingest:Fetching:MaxResponseBytes"] = "65536" });

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("big"), None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Contains("larger than Ingest:Fetching:MaxResponseBytes", result.Reason, StringComparison.Ordinal);
        Assert.Equal(FetchFailure.TooLarge, result.Failure);
    }

    [Fact]
    public async Task FetchAsync_GzipBomb_IsRejectedAtTheDecompressedLimit()
    {
        var bomb = Gzip(new byte[64 * 1024 * 1024]);
        await using var server = await LoopbackServer.StartAsync(("/bomb", async context =>
        {
            context.Response.ContentType = "text/html";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(bomb);
        }));
        await using var services = Services.For(server, new Dictionary<string, string?> { ["Ingest:Fetching:MaxResponseBytes"] = "1048576" });

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("bomb"), None);

        Assert.True(bomb.Length < 1024 * 1024, "the bomb must be small on the wire");
        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Contains("counted decompressed", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_ConcurrentFetchesToOneHost_RunOneAtATime()
    {
        var running = 0;
        var most = 0;
        await using var server = await LoopbackServer.StartAsync(("*", async context =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(100);
            Interlocked.Decrement(ref running);
            await Html(context);
        }));
        await using var services = Services.For(server);
        var fetcher = services.GetRequiredService<PageFetcher>();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => fetcher.FetchAsync(server.At($"p{i}"), None)));

        Assert.All(results, r => Assert.Equal(FetchStatus.Fetched, r.Status));
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task FetchAsync_StoredCopyCurrent_SendsConditionsAndGetsNotModified()
    {
        await using var server = await LoopbackServer.StartAsync(("/x", context =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v7\"")
            {
                context.Response.StatusCode = 304;
                return Task.CompletedTask;
            }

            return Html(context);
        }));
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), None, new FetchConditions("\"v7\"", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));

        Assert.Equal(FetchStatus.NotModified, result.Status);
        Assert.Equal("Fri, 02 Jan 2026 03:04:05 GMT", server.Received.Single(r => r.Path == "/x").Headers["If-Modified-Since"]);
    }

    [Fact]
    public async Task FetchAsync_RedirectToAUrlOverTheLimit_IsRefusedWithoutFollowingIt()
    {
        await using var server = await LoopbackServer.StartAsync(
            ("/x", context =>
            {
                context.Response.Redirect("/" + new string('a', 3000));
                return Task.CompletedTask;
            }),
            ("*", context => Html(context)));
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Equal(FetchFailure.UrlTooLong, result.Failure);
        Assert.Contains("over the limit of 2048", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_FileScheme_IsRejected()
    {
        await using var services = Services.Build();

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(new Uri("file:///etc/passwd"), None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
    }

    private static Task Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class FixedResolver(IPAddress address) : IHostAddressResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult(new[] { address });
    }
}
