using System.Globalization;
using System.Net;
using Ingest.Cli.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.Cli.SampleSite;

/// <summary>
/// Serves the sample news site shipped in <c>SampleSite/</c> on a free loopback port, so the pipeline runs end to
/// end with no internet. <c>*.html.gz</c> files are served as gzip-encoded HTML (the fetcher decompresses them);
/// <c>{{base}}</c> in the feed and listing is replaced by the site's base URL. Counts the requests it serves.
/// </summary>
internal sealed class SampleSiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byPath = new(StringComparer.Ordinal);
    private int _requests;

    private SampleSiteServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The site's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Requests served so far (any path, any status).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests served so far for one path (e.g. <c>/robots.txt</c>), any status.</summary>
    public int RequestsFor(string path) => _byPath.TryGetValue(path, out var n) ? n : 0;

    /// <summary>The folder of the shipped site next to the program.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "SampleSite");

    /// <summary>
    /// The port the demo prefers, so that article URLs, and so article ids, are the same from one demo run to the
    /// next and a second run finds its articles unchanged. Port 0 takes any free port (tests).
    /// </summary>
    public const int PreferredPort = 47080;

    /// <summary>
    /// Serves the demo on <see cref="PreferredPort"/>. When another program holds it the demo is refused, not moved to
    /// another port: the article ids hash the URL, port included, so another port would store every article again
    /// under new ids.
    /// </summary>
    public static async Task<SampleSiteServer> StartAsync(string root, CancellationToken cancellationToken) =>
        await TryStartAsync(root, PreferredPort, cancellationToken)
        ?? throw new RefusedException(
            $"port {PreferredPort} on 127.0.0.1 is taken by another program (an 'ingest run --demo' still running?); the demo needs it, " +
            "because its article ids hash the URL, port included, and on another port it would store every article again under new ids. Free the port and run it again.");

    public static async Task<SampleSiteServer?> TryStartAsync(string root, int port, CancellationToken cancellationToken)
    {
        var fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        if (!Directory.Exists(fullRoot))
        {
            throw new DirectoryNotFoundException($"The sample site folder {fullRoot} does not exist.");
        }

        SampleSiteServer? server = null;
        var started = await LocalWebServer.TryStartAsync(IPAddress.Loopback, port, async context =>
        {
            Interlocked.Increment(ref server!._requests);
            server._byPath.AddOrUpdate(context.Request.Path.Value ?? "/", 1, (_, n) => n + 1);
            await ServeAsync(context, fullRoot, server.BaseUrl);
        }, cancellationToken);
        if (started is not { } running)
        {
            return null;
        }

        server = new SampleSiteServer(running.App, running.BaseUrl);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ServeAsync(HttpContext context, string root, Uri baseUrl)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimStart('/');
        if (path.Length == 0 || path.EndsWith('/'))
        {
            path += "index.html";
        }

        var file = Path.GetFullPath(Path.Combine(root, path));
        var gzipped = file + ".gz";
        if (!file.StartsWith(root, StringComparison.Ordinal) || (!File.Exists(file) && !File.Exists(gzipped)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("Not found", context.RequestAborted);
            return;
        }

        context.Response.ContentType = ContentTypeOf(path);

        // Validators like a real site's, so conditional GETs get their 304 (templated files are not cached).
        var served = new FileInfo(File.Exists(file) ? file : gzipped);
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"{served.Length:x}-{served.LastWriteTimeUtc.Ticks:x}\"");
        if (!path.EndsWith(".xml", StringComparison.Ordinal) && !path.EndsWith("index.html", StringComparison.Ordinal))
        {
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        if (!File.Exists(file))
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.SendFileAsync(gzipped, context.RequestAborted);
            return;
        }

        if (path.EndsWith(".xml", StringComparison.Ordinal) || path.EndsWith("index.html", StringComparison.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file, context.RequestAborted);
            await context.Response.WriteAsync(text.Replace("{{base}}", baseUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal), context.RequestAborted);
            return;
        }

        await context.Response.SendFileAsync(file, context.RequestAborted);
    }

    private static string ContentTypeOf(string path) =>
        path.EndsWith("feed.xml", StringComparison.Ordinal) ? "application/rss+xml; charset=utf-8"
        : path.EndsWith(".xml", StringComparison.Ordinal) ? "application/xml; charset=utf-8"
        : path.EndsWith(".txt", StringComparison.Ordinal) ? "text/plain; charset=utf-8"
        : "text/html; charset=utf-8";
}
