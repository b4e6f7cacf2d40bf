using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.Tests.Support;

/// <summary>
/// A real HTTP server on a free 127.0.0.1 port. Each path has its handler; any other path (robots.txt included,
/// unless a test gives one) answers 404. Records every request it gets.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public int Port => BaseUrl.Port;

    /// <summary>Requests received, robots.txt included.</summary>
    public IReadOnlyList<RecordedRequest> Received => _requests.ToArray();

    /// <summary>Requests received for pages (not robots.txt).</summary>
    public int Requests => _requests.Count(r => r.Path != "/robots.txt");

    public static Task<LoopbackServer> StartAsync(RequestDelegate handler) => StartAsync(("*", handler));

    public static async Task<LoopbackServer> StartAsync(params (string Path, RequestDelegate Handler)[] routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app);
        var table = routes.ToDictionary(r => r.Path, r => r.Handler, StringComparer.Ordinal);
        app.Run(context =>
        {
            var path = context.Request.Path.Value ?? "/";
            server._requests.Enqueue(new RecordedRequest(path, DateTimeOffset.UtcNow, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            if (table.TryGetValue(path, out var handler) || (path != "/robots.txt" && table.TryGetValue("*", out handler)))
            {
                return handler(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/");
        return server;
    }

    public Uri At(string path) => new(BaseUrl, path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record RecordedRequest(string Path, DateTimeOffset At, IReadOnlyDictionary<string, string> Headers);
