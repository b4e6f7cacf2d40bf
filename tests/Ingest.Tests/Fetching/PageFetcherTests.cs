using System.IO.Compression;
using System.Text;
using Ingest.Fetching;
using Ingest.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Tests.Fetching;

public sealed class PageFetcherTests
{
    private static readonly Dictionary<string, string?> AllowLoopback = new() { ["Ingest:Fetching:AllowPrivateNetworks"] = "true" };

    [Fact]
    public async Task FetchAsync_GzipPage_ReturnsDecodedBytesAndHeaders()
    {
        var html = "<html><body><p>안녕하세요</p></body></html>";
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.Headers.ETag = "\"v1\"";
            using var buffer = new MemoryStream();
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes(html));
            }

            await context.Response.Body.WriteAsync(buffer.ToArray());
        });
        await using var services = Services.Build(AllowLoopback);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("page"), CancellationToken.None);

        Assert.Equal(FetchStatus.Fetched, result.Status);
        Assert.Equal(html, Encoding.UTF8.GetString(result.Content.Span));
        Assert.Equal("\"v1\"", result.ETag);
        Assert.StartsWith("text/html", result.ContentType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, FetchStatus.Gone)]
    [InlineData(410, FetchStatus.Gone)]
    [InlineData(403, FetchStatus.Rejected)]
    public async Task FetchAsync_FinalStatus_IsAResult(int status, FetchStatus expected)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        await using var services = Services.Build(AllowLoopback);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_ServerErrorThenSuccess_RetriesAndSucceeds()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 500;
                return;
            }

            await context.Response.WriteAsync("<html><body><p>ok</p></body></html>");
        });
        await using var services = Services.Build(AllowLoopback);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), CancellationToken.None);

        Assert.Equal(FetchStatus.Fetched, result.Status);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_ServerErrorEveryTime_ThrowsTransient()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await using var services = Services.Build(AllowLoopback);

        var ex = await Assert.ThrowsAsync<TransientFetchException>(() => services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), CancellationToken.None));

        Assert.Contains("503", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_BodyOverLimit_IsRejectedNotBuffered()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            // No Content-Length: the limit must hold while streaming.
            var chunk = new byte[16 * 1024];
            for (var i = 0; i < 16; i++)
            {
                await context.Response.Body.WriteAsync(chunk);
                await context.Response.Body.FlushAsync();
            }
        });
        await using var services = Services.Build(new Dictionary<string, string?>(AllowLoopback) { ["Ingest:Fetching:MaxResponseBytes"] = "65536" });

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("big"), CancellationToken.None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Contains("larger than the limit of 65536 bytes", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_LoopbackNotAllowed_IsRefusedWithoutRequest()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("secret"));
        await using var services = Services.Build();

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("admin"), CancellationToken.None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Contains("loopback, private or reserved", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_RedirectToLoopbackNotAllowed_IsRefused()
    {
        // The first hop is "public" only in name: localhost resolves to loopback, and the check is on the address.
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("secret"));
        await using var services = Services.Build();
        var url = new UriBuilder(server.At("x")) { Host = "localhost" }.Uri;

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(url, CancellationToken.None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_NoResponseInTime_ThrowsTransient()
    {
        using var release = new CancellationTokenSource();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), release.Token);
            }
            catch (OperationCanceledException)
            {
                // Released at the end of the test.
            }
        });
        await using var services = Services.Build(new Dictionary<string, string?>(AllowLoopback) { ["Ingest:Fetching:TimeoutSeconds"] = "1", ["Ingest:Fetching:MaxRetries"] = "0" });

        var ex = await Assert.ThrowsAsync<TransientFetchException>(() => services.GetRequiredService<PageFetcher>().FetchAsync(server.At("slow"), CancellationToken.None));
        await release.CancelAsync();

        Assert.Contains("Fetching", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_FileScheme_IsRejected()
    {
        await using var services = Services.Build();

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(new Uri("file:///etc/passwd"), CancellationToken.None);

        Assert.Equal(FetchStatus.Rejected, result.Status);
    }
}
