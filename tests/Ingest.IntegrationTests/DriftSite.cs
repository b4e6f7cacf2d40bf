using System.Globalization;
using System.Text;
using Ingest.Cli.SampleSite;
using Ingest.Storage;

namespace Ingest.IntegrationTests;

/// <summary>
/// A fixture site whose layout changes between two runs: six stories that name their author and date, then six more
/// from a new template that names neither. Each run is a real <c>ingest run --once</c> process against Azurite.
/// </summary>
internal sealed class DriftSite : IAsyncDisposable
{
    public const string Source = "drifting";
    public const int PagesPerRun = 6;

    private readonly string _root;

    private DriftSite(string root, SampleSiteServer server)
    {
        _root = root;
        Server = server;
    }

    public SampleSiteServer Server { get; }

    public static async Task<DriftSite> StartAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("ingest-drift-").FullName;
        Write(root, 0, PagesPerRun, oldLayout: true);
        return new DriftSite(root, (await SampleSiteServer.TryStartAsync(root, 0, cancellationToken))!);
    }

    /// <summary>The new template goes live: six more stories, without author or date.</summary>
    public void ChangeLayout() => Write(_root, PagesPerRun, 2 * PagesPerRun, oldLayout: false);

    /// <summary>Settings of a host process that ingests this site (":" in keys; the process turns them into "__").</summary>
    public Dictionary<string, string?> Settings(string storage) => new()
    {
        [StorageClients.ConnectionName] = storage,
        ["AzureWebJobsStorage"] = storage,
        ["IngestSchedule"] = TestSchedule.Discovery,
        ["Ingest:Sources:0:Name"] = Source,
        ["Ingest:Sources:0:Kind"] = "Listing",
        ["Ingest:Sources:0:Url"] = new Uri(Server.BaseUrl, "columns/").AbsoluteUri,
        ["Ingest:Sources:0:LinkSelector"] = "main a.headline",
        ["Ingest:Fetching:AllowedLoopbackPorts:0"] = Server.BaseUrl.Port.ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:MinDelayPerHostMilliseconds"] = "0",
        ["Ingest:Fetching:Contact"] = "tests@example.org",
    };

    /// <summary>Runs <c>ingest run --once</c> over the site and returns the finished process.</summary>
    public async Task<HostProcess> RunOnceAsync(string storage, CancellationToken cancellationToken)
    {
        var host = HostProcess.Start(Settings(storage), discover: true);
        await host.WaitForExitAsync(cancellationToken);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static void Write(string root, int from, int to, bool oldLayout)
    {
        Directory.CreateDirectory(Path.Combine(root, "news"));
        Directory.CreateDirectory(Path.Combine(root, "columns"));
        for (var i = from; i < to; i++)
        {
            var head = oldLayout
                ? string.Create(CultureInfo.InvariantCulture, $"<meta name=\"author\" content=\"Jane Writer\"><meta property=\"article:published_time\" content=\"2026-11-{10 + i:D2}T08:00:00+09:00\">")
                : "";
            var byline = oldLayout ? "<p class=\"byline\">By Jane Writer</p>" : "<div class=\"meta-v2\"></div>";
            File.WriteAllText(Path.Combine(root, "news", string.Create(CultureInfo.InvariantCulture, $"story-{i:D2}.html")), string.Create(CultureInfo.InvariantCulture, $"""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour story {i}</title>{head}</head>
                <body><main><article><h1>Harbour story {i}: what the tide brought in</h1>{byline}
                <p>The first paragraph of story {i} tells readers what happened at the harbour this week and why it matters to them.</p>
                <p>The second paragraph of story {i} quotes the people who were there and what they said about it afterwards.</p>
                </article></main></body></html>
                """));
        }

        var links = new StringBuilder();
        for (var i = 0; i < to; i++)
        {
            links.Append(CultureInfo.InvariantCulture, $"<li><a class=\"headline\" href=\"/news/story-{i:D2}.html\">Story {i}</a></li>\n");
        }

        File.WriteAllText(Path.Combine(root, "columns", "index.html"), $"<html><body><main><ul>{links}</ul></main></body></html>");
    }
}
