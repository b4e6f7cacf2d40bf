using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.Cli.Hosting;

/// <summary>
/// A Kestrel server of the command line (the demo's sample site, <c>ingest serve</c>): one request handler, no
/// logging of its own, on one address and port (0: any free one).
/// </summary>
internal static class LocalWebServer
{
    /// <summary>
    /// Starts serving <paramref name="handle"/>; returns the running app and its base URL (ending in '/'), or null
    /// when the port is taken by another program.
    /// </summary>
    public static async Task<(WebApplication App, Uri BaseUrl)?> TryStartAsync(IPAddress address, int port, RequestDelegate handle, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port));
        var app = builder.Build();
        app.Run(handle);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException) when (port != 0)
        {
            await app.DisposeAsync();
            return null;
        }

        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(listening.EndsWith('/') ? listening : listening + "/"));
    }
}
