using System.Globalization;
using Ingest.Fetching;
using Ingest.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingest.Tests.Fetching;

/// <summary>The HTTP pipeline of fetching: the standard resilience handler as set from Ingest:Fetching, and the host gate inside it.</summary>
public sealed class FetchPipelineTests
{
    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(1, 16, 5)]
    [InlineData(300, 300, 5)]
    [InlineData(300, 1800, 5)]
    [InlineData(30, 120, 2)]
    public void Start_AnyAllowedTimeoutsAndRetries_PassTheStandardHandlersValidation(int timeout, int total, int retries)
    {
        using var services = Services.Build(Settings(timeout, total, retries));

        var exception = Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(exception);
    }

    [Theory]
    [InlineData(60, 30, 2, "Ingest:Fetching:TotalTimeoutSeconds (30) must be at least Ingest:Fetching:TimeoutSeconds (60)")]
    [InlineData(1, 10, 5, "Ingest:Fetching:TotalTimeoutSeconds (10) must be at least 16")]
    [InlineData(0, 120, 2, "Ingest:Fetching:TimeoutSeconds must be between 1 and 300")]
    public void Start_TimeoutsThatDoNotFit_FailOnceNamingTheSetting(int timeout, int total, int retries, string expected)
    {
        using var services = Services.Build(Settings(timeout, total, retries));

        var exception = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Contains(expected, validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_WaitForTheHostsTurn_DoesNotCountAgainstTheAttemptTimeout()
    {
        // Five fetches to one host at once, 400 ms apart: the last waits about 1.6 s for its turn, longer than the
        // 1 s an attempt has. With the standard attempt timeout the wait would count, and the last ones time out.
        await using var server = await LoopbackServer.StartAsync(("*", context =>
        {
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html><body><p>ok</p></body></html>");
        }));
        await using var services = Services.For(server, new Dictionary<string, string?>
        {
            ["Ingest:Fetching:TimeoutSeconds"] = "1",
            ["Ingest:Fetching:MaxRetries"] = "0",
            ["Ingest:Fetching:MinDelayPerHostMilliseconds"] = "400",
            ["Ingest:Fetching:RespectRobotsTxt"] = "false",
        });
        var fetcher = services.GetRequiredService<PageFetcher>();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Outcome(fetcher, server.At($"p{i}"))));

        Assert.All(results, r => Assert.Equal("Fetched", r));
        var pages = server.Received.Select(r => r.At).Order().ToList();
        Assert.True(pages[^1] - pages[0] >= TimeSpan.FromMilliseconds(1500), $"last request after {(pages[^1] - pages[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task FetchAsync_Retry_WaitsItsTurnAtTheHostGate()
    {
        // The first backoff is about 0.5 s; the host's gap of 1.5 s must still hold between the two attempts.
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(("*", context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 500;
                return Task.CompletedTask;
            }

            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html><body><p>ok</p></body></html>");
        }));
        await using var services = Services.For(server, new Dictionary<string, string?>
        {
            ["Ingest:Fetching:MinDelayPerHostMilliseconds"] = "1500",
            ["Ingest:Fetching:RespectRobotsTxt"] = "false",
        });

        var result = await services.GetRequiredService<PageFetcher>().FetchAsync(server.At("x"), CancellationToken.None);

        Assert.Equal(FetchStatus.Fetched, result.Status);
        var pages = server.Received.ToList();
        Assert.Equal(2, pages.Count);
        Assert.True(pages[1].At - pages[0].At >= TimeSpan.FromMilliseconds(1400), $"retried after {(pages[1].At - pages[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task FetchAsync_HostFailingEveryTime_IsPausedByTheCircuitBreaker()
    {
        await using var server = await LoopbackServer.StartAsync(("*", context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        }));
        await using var services = Services.For(server, new Dictionary<string, string?>
        {
            ["Ingest:Fetching:MaxRetries"] = "0",
            ["Ingest:Fetching:RespectRobotsTxt"] = "false",
        });
        var fetcher = services.GetRequiredService<PageFetcher>();

        var outcomes = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            outcomes.Add(await Outcome(fetcher, server.At($"p{i}")));
        }

        Assert.Equal(10, server.Requests);
        Assert.All(outcomes.Take(10), o => Assert.Contains("HTTP 500", o, StringComparison.Ordinal));
        Assert.All(outcomes.Skip(10), o => Assert.Contains("paused after too many failures", o, StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Settings(int timeout, int total, int retries) => new()
    {
        ["Ingest:Fetching:TimeoutSeconds"] = timeout.ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:TotalTimeoutSeconds"] = total.ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:MaxRetries"] = retries.ToString(CultureInfo.InvariantCulture),
    };

    private static async Task<string> Outcome(PageFetcher fetcher, Uri url)
    {
        try
        {
            return (await fetcher.FetchAsync(url, CancellationToken.None)).Status.ToString();
        }
        catch (TransientFetchException ex)
        {
            return ex.Message;
        }
    }
}
