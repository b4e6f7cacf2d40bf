using Ingest.Fetching;
using Ingest.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Tests.Fetching;

/// <summary>robots.txt as the fetcher obeys it: fetched once per origin, 4xx allows, 5xx disallows, Crawl-delay spaces requests.</summary>
public sealed class RobotsCacheTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    // A site whose robots.txt answers with this status and whose pages are plain HTML.
    private static Task<LoopbackServer> RobotsAnsweringAsync(int status) => LoopbackServer.StartAsync(
        ("/robots.txt", context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }),
        ("*", context => Html(context)));

    private static Task Html(HttpContext context, string body = "<html><body><p>ok</p></body></html>")
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(body);
    }

    [Fact]
    public async Task FetchAsync_RobotsDisallows_IsDisallowedWithoutRequest()
    {
        await using var server = await LoopbackServer.StartAsync(
            ("/robots.txt", context => context.Response.WriteAsync("User-agent: IngestBot\nDisallow: /private/\n")),
            ("*", context => Html(context)));
        await using var services = Services.For(server);
        var fetcher = services.GetRequiredService<PageFetcher>();

        var refused = await fetcher.FetchAsync(server.At("private/x"), None);
        var allowed = await fetcher.FetchAsync(server.At("public/x"), None);

        Assert.Equal(FetchStatus.Disallowed, refused.Status);
        Assert.Contains("robots.txt", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(FetchFailure.RobotsDisallowed, refused.Failure);
        Assert.Equal(FetchStatus.Fetched, allowed.Status);
        Assert.Equal(["/robots.txt", "/public/x"], server.Received.Select(r => r.Path));
    }

    [Theory]
    [InlineData(404, FetchStatus.Fetched)]
    [InlineData(403, FetchStatus.Fetched)]
    public async Task FetchAsync_RobotsStatus4xx_AllowsEverything(int robotsStatus, FetchStatus expected)
    {
        await using var server = await RobotsAnsweringAsync(robotsStatus);
        await using var services = Services.For(server);

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("page"), None);

        Assert.Equal(expected, result.Status);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task FetchAsync_RobotsStatus5xx_PageWaitsAsATransientFailureNamingTheStatus(int robotsStatus)
    {
        await using var server = await RobotsAnsweringAsync(robotsStatus);
        await using var services = Services.For(server);

        var ex = await Assert.ThrowsAsync<TransientFetchException>(() => services.GetRequiredService<PageFetcher>().FetchAsync(server.At("page"), None));

        Assert.Contains($"robots.txt answered HTTP {robotsStatus}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(FetchFailure.RobotsUnavailable, ex.Kind);
        Assert.DoesNotContain(server.Received, r => r.Path == "/page");
    }

    [Fact]
    public async Task FetchAsync_RobotsConnectionBroken_ReportsTheNetworkFailureNotARobotsRule()
    {
        await using var server = await LoopbackServer.StartAsync(
            ("/robots.txt", context =>
            {
                context.Abort();
                return Task.CompletedTask;
            }),
            ("*", context => Html(context)));
        await using var services = Services.For(server);

        var ex = await Assert.ThrowsAsync<TransientFetchException>(() => services.GetRequiredService<PageFetcher>().FetchAsync(server.At("page"), None));

        Assert.Contains("robots.txt unreachable", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("disallows", ex.Message, StringComparison.Ordinal);
        Assert.Equal(FetchFailure.ConnectionBroken, ex.Kind);
    }

    [Fact]
    public async Task FetchAsync_ManyPagesOfOneHostAtOnce_AskForRobotsTxtOnce()
    {
        await using var server = await LoopbackServer.StartAsync(
            ("/robots.txt", async context =>
            {
                await Task.Delay(200, context.RequestAborted);
                await context.Response.WriteAsync("User-agent: *\nAllow: /\n");
            }),
            ("*", context => Html(context)));
        await using var services = Services.For(server);
        var fetcher = services.GetRequiredService<PageFetcher>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => fetcher.FetchAsync(server.At($"p{i}"), None)));

        Assert.All(results, r => Assert.Equal(FetchStatus.Fetched, r.Status));
        Assert.Single(server.Received, r => r.Path == "/robots.txt");
    }

    [Fact]
    public async Task FetchAsync_RobotsIsCached_FetchedOncePerHost()
    {
        await using var server = await LoopbackServer.StartAsync(("*", context => Html(context)));
        await using var services = Services.For(server);
        var fetcher = services.GetRequiredService<PageFetcher>();

        await fetcher.FetchAsync(server.At("a"), None);
        await fetcher.FetchAsync(server.At("b"), None);

        Assert.Single(server.Received, r => r.Path == "/robots.txt");
    }

    [Fact]
    public async Task FetchAsync_CrawlDelay_SpacesRequestsToTheHost()
    {
        await using var server = await LoopbackServer.StartAsync(
            ("/robots.txt", context => context.Response.WriteAsync("User-agent: *\nCrawl-delay: 1\n")),
            ("*", context => Html(context)));
        await using var services = Services.For(server);
        var fetcher = services.GetRequiredService<PageFetcher>();

        await fetcher.FetchAsync(server.At("a"), None);
        await fetcher.FetchAsync(server.At("b"), None);

        var pages = server.Received.Where(r => r.Path != "/robots.txt").ToList();
        Assert.True(pages[1].At - pages[0].At >= TimeSpan.FromMilliseconds(900), $"second request after {(pages[1].At - pages[0].At).TotalMilliseconds} ms");
    }
}
