using System.Text.RegularExpressions;
using Ingest.Cli.Hosting;
using Ingest.Cli.SampleSite;
using Ingest.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Ingest.IntegrationTests;

/// <summary>
/// The status page in a real browser: Debian's Chromium, headless, driven by Playwright (no browser download), at a
/// phone's width, served by a real <c>ingest serve</c> process over the archive of the demo run and a drifted site.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class StatusPageBrowserTests(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>Where Debian's package puts Chromium (<c>apt-get install chromium</c>; <c>.ci/run</c> installs it).</summary>
    private const string Chromium = "/usr/bin/chromium";

    public ValueTask InitializeAsync() => azurite.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task StatusPage_InChromiumAtPhoneWidth_ShowsTheDemoArticlesAChartAndTheDriftAlarm()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does.");

        // The demo run: the sample site on loopback, through the local host, as 'ingest run --once --demo' runs it.
        await using var demoSite = (await SampleSiteServer.TryStartAsync(SampleSiteServer.DefaultRoot, 0, ct))!;
        var demo = CliConfiguration.Build(demoSite.BaseUrl, new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["IngestSchedule"] = TestSchedule.Discovery,
        });
        using var demoOutput = new StringWriter();
        var result = await LocalRun.RunAsync(demo, new RunSettings(Once: true, Discover: true, TimeSpan.FromSeconds(120), LogLevel.Warning), demoOutput, ct);
        Assert.True(result.ExitCode == 0, demoOutput.ToString());
        var titles = result.Tally.Stored.Select(s => s.Title!).ToList();
        Assert.NotEmpty(titles);

        // A site that drifted.
        await using var drifting = await DriftSite.StartAsync(ct);
        await using (var first = await drifting.RunOnceAsync(azurite.ConnectionString, ct))
        {
            Assert.True(first.ExitCode == 0, first.Output);
        }

        drifting.ChangeLayout();
        await using (var second = await drifting.RunOnceAsync(azurite.ConnectionString, ct))
        {
            Assert.Contains("[7001]", second.Output, StringComparison.Ordinal);
        }

        await using var serve = HostProcess.StartCommand(drifting.Settings(azurite.ConnectionString), ["serve", "--port", "0"]);
        var url = await ServedAtAsync(serve, ct);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var response = await page.GotoAsync(url.AbsoluteUri);
        Assert.Equal(200, response!.Status);

        var alarmed = page.Locator(".source.alarm", new PageLocatorOptions { HasText = DriftSite.Source });
        Assert.True(await alarmed.IsVisibleAsync(), "no visible drift alarm on the source");
        Assert.Equal("rgb(253, 224, 220)", await alarmed.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.True(await page.Locator("#drift ~ .card.alarm", new PageLocatorOptions { HasText = "authors 100% → 0% of 6 pages" }).IsVisibleAsync(), "no visible alarm saying what fell");
        Assert.True(await page.Locator("svg.chart").First.IsVisibleAsync(), "no visible chart");
        Assert.True(await page.Locator("svg.chart rect").CountAsync() >= 2 * 14 * 7, "charts without their cells");
        foreach (var title in titles)
        {
            Assert.True(await page.Locator("tr.article", new PageLocatorOptions { HasText = title }).First.IsVisibleAsync(), $"article '{title}' not visible");
        }

        // A phone's width: the page itself does not scroll sideways (wide tables scroll inside their box).
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than a phone");
        Assert.Equal(0, await page.Locator("script").CountAsync());

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(), FullPage = true });
        TestContext.Current.SendDiagnosticMessage($"status page screenshot: {ScreenshotPath()}");

        // An article's revisions and its record, by the page's own links.
        await page.Locator("tr.article a").First.ClickAsync();
        Assert.True(await page.GetByText("Revisions of").IsVisibleAsync());
        await page.GoBackAsync();
        var json = await page.Locator("tr.article a", new PageLocatorOptions { HasText = "JSON" }).First.GetAttributeAsync("href");
        var record = await page.APIRequest.GetAsync(new Uri(url, json).AbsoluteUri);
        Assert.Equal(200, record.Status);
        Assert.Contains("\"articleId\"", await record.TextAsync(), StringComparison.Ordinal);
    }

    // INGEST_SCREENSHOT names the file to keep (docs/status-page.png was made so); otherwise a temporary file.
    private static string ScreenshotPath() =>
        Environment.GetEnvironmentVariable("INGEST_SCREENSHOT") is { Length: > 0 } path ? path : Path.Combine(Path.GetTempPath(), "ingest-status-page.png");

    private static async Task<Uri> ServedAtAsync(HostProcess serve, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!timeout.IsCancellationRequested)
        {
            if (ServingLine().Match(serve.StandardOutput) is { Success: true } match)
            {
                return new Uri(match.Groups["url"].Value);
            }

            Assert.False(serve.HasExited, "'ingest serve' stopped: " + serve.Output);
            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException("'ingest serve' did not say where it serves within 60 s: " + serve.Output);
    }

    [GeneratedRegex(@"Serving the status page at (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ServingLine();
}
