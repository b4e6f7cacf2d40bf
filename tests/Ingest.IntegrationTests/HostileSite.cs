using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.IntegrationTests;

/// <summary>
/// A loopback site that misbehaves on purpose, one path per fault: slow, broken, huge, looping, lying, empty,
/// pointing elsewhere. <see cref="Cases"/> names each path with the answer the pipeline should give it.
/// </summary>
internal sealed class HostileSite : IAsyncDisposable
{
    private const string Article = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour story</title></head>
        <body><main><article><h1>The harbour reopened after the storm</h1>
        <p>The harbour reopened on Tuesday after a week of repairs to the breakwater, the port authority said in a statement.</p>
        <p>Fishing boats returned to their moorings by the afternoon, and the ferry service resumed its usual timetable.</p>
        </article></main></body></html>
        """;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);

    private HostileSite(WebApplication app, Uri baseUrl, IReadOnlyList<int> ownPorts, int closedPort)
    {
        _app = app;
        BaseUrl = baseUrl;
        OwnPorts = ownPorts;
        ClosedPort = closedPort;
    }

    /// <summary>The site's root.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// More ports the same site answers on: each failing case gets one of its own, so that one case's failures do not
    /// open the fetcher's per-host circuit breaker (host and port) for another, which would then end "host-paused".
    /// </summary>
    public IReadOnlyList<int> OwnPorts { get; }

    /// <summary>A loopback port where nothing listens (allowed to the fetcher, so the refusal is the network's).</summary>
    public int ClosedPort { get; }

    /// <summary>Requests served for a path.</summary>
    public int HitsOf(string path) => _hits.GetValueOrDefault(path);

    /// <summary>Starts the site on a free loopback port.</summary>
    public static async Task<HostileSite> StartAsync(CancellationToken cancellationToken)
    {
        var closedPort = FreePort();
        var bomb = GzipOfZeros(60 * 1024 * 1024);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (var i = 0; i < 5; i++)
            {
                k.Listen(IPAddress.Loopback, 0);
            }
        });
        var app = builder.Build();
        HostileSite? site = null;
        app.Run(context =>
        {
            var path = context.Request.Path.Value ?? "/";
            var hit = site!._hits.AddOrUpdate(path, 1, (_, n) => n + 1);
            return Serve(context, path, hit, bomb, closedPort);
        });
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a.TrimEnd('/') + "/")).ToList();
        site = new HostileSite(app, addresses[0], [.. addresses.Skip(1).Select(a => a.Port)], closedPort);
        return site;
    }

    /// <summary>
    /// The cases: path (or absolute URL), the outcome the pipeline records (the run summary's note or failure),
    /// and the fetch failure kind (null when a page is stored or is not an article).
    /// </summary>
    public IReadOnlyList<HostileCase> Cases =>
    [
        new("429 with Retry-After: 1, then the page", "/retry-after", "stored", null),
        new("503 storm (every attempt)", $"http://127.0.0.1:{OwnPorts[0]}/storm", "failed", "http-503"),
        new("connection reset mid-body", $"http://127.0.0.1:{OwnPorts[1]}/reset", "failed", "connection-broken"),
        new("slow-loris, 1 byte/s", $"http://127.0.0.1:{OwnPorts[2]}/slow", "failed", "timeout"),
        new("redirect loop", "/loop-a", "refused", "redirects"),
        new("gzip bomb (60 MB of zeros in 60 KB)", "/bomb", "refused", "too-large"),
        new("60 MB page", "/huge", "refused", "too-large"),
        new("100,000-deep nesting", "/deep", "stored", null),
        new("lying charset (header says windows-1252, bytes are UTF-8)", "/charset", "stored", null),
        new("binary served as text/html", "/binary", "not-an-article", null),
        new("empty 200", "/empty", "not-an-article", null),
        new("redirect to the cloud metadata address", "/to-metadata", "refused", "address-refused"),
        new("redirect to a private address", "/to-private", "refused", "address-refused"),
        new("redirect to a loopback port not allowed", "/to-loopback", "refused", "address-refused"),
        new("connection refused (nothing listens)", $"http://127.0.0.1:{ClosedPort}/page", "failed", "connection-refused"),
        new("TLS to a plain-HTTP port", $"https://127.0.0.1:{OwnPorts[3]}/article", "failed", "tls-failure"),
    ];

    /// <summary>The absolute URL of a case.</summary>
    public Uri UrlOf(HostileCase c) => c.Path.StartsWith('/') ? new Uri(BaseUrl, c.Path) : new Uri(c.Path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task Serve(HttpContext context, string path, int hit, byte[] bomb, int closedPort)
    {
        var response = context.Response;
        switch (path)
        {
            case "/robots.txt":
                await response.WriteAsync("User-agent: *\nAllow: /\n");
                return;
            case "/retry-after" when hit == 1:
                response.StatusCode = 429;
                response.Headers.RetryAfter = "1";
                return;
            case "/storm":
                response.StatusCode = 503;
                return;
            case "/reset":
                response.ContentType = "text/html";
                await response.WriteAsync("<html><body><p>" + new string('a', 4000));
                await response.Body.FlushAsync();
                context.Abort();
                return;
            case "/slow":
                response.ContentType = "text/html";
                for (var i = 0; i < 120 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await response.Body.WriteAsync("<"u8.ToArray());
                    await response.Body.FlushAsync();
                    await Task.Delay(1000, context.RequestAborted);
                }

                return;
            case "/loop-a":
                response.Redirect("/loop-b");
                return;
            case "/loop-b":
                response.Redirect("/loop-a");
                return;
            case "/bomb":
                response.ContentType = "text/html";
                response.Headers.ContentEncoding = "gzip";
                await response.Body.WriteAsync(bomb);
                return;
            case "/huge":
                response.ContentType = "text/html";
                var chunk = Encoding.ASCII.GetBytes("<p>" + new string('x', 65_530) + "</p>");
                for (var written = 0L; written < 60L * 1024 * 1024 && !context.RequestAborted.IsCancellationRequested; written += chunk.Length)
                {
                    await response.Body.WriteAsync(chunk);
                }

                return;
            case "/deep":
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync("<html><head><title>Deep</title></head><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000))
                    + "<p>The harbour reopened on Tuesday after a week of repairs to the breakwater, the port authority said.</p>"
                    + string.Concat(Enumerable.Repeat("</div>", 100_000)) + "</body></html>");
                return;
            case "/charset":
                response.ContentType = "text/html; charset=windows-1252";
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes("""
                    <!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>항구가 다시 열렸다</title></head>
                    <body><article><h1>항구가 다시 열렸다</h1>
                    <p>폭풍 뒤 일주일 동안 방파제를 고친 항구가 화요일에 다시 문을 열었다고 항만 당국이 밝혔다. 어선들은 오후에 정박지로 돌아왔다.</p>
                    <p>여객선도 평소 시간표대로 운항을 다시 시작했고, 주민들은 부두에 나와 배들을 맞았다. 당국은 피해 조사를 이어 간다고 했다.</p>
                    </article></body></html>
                    """));
                return;
            case "/binary":
                response.ContentType = "text/html";
                var noise = new byte[200_000];
                new Random(7).NextBytes(noise);
                await response.Body.WriteAsync(noise);
                return;
            case "/empty":
                response.ContentType = "text/html";
                return;
            case "/to-metadata":
                response.Redirect("http://169.254.169.254/latest/meta-data/");
                return;
            case "/to-private":
                response.Redirect("http://10.0.0.1/admin");
                return;
            case "/to-loopback":
                response.Redirect($"http://127.0.0.1:{closedPort + 1}/");
                return;
            default:
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(Article);
                return;
        }
    }

    private static byte[] GzipOfZeros(int length)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < length / zeros.Length; i++)
            {
                gzip.Write(zeros);
            }
        }

        return output.ToArray();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>One hostile case: what it is, where, and the answer expected.</summary>
internal sealed record HostileCase(string Name, string Path, string Outcome, string? Failure);
