using System.CommandLine;
using System.Net;
using Ingest.Cli.Hosting;
using Ingest.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.Cli;

/// <summary><c>ingest status</c> (the status page as text) and <c>ingest serve</c> (the status page on loopback).</summary>
internal static class StatusCommands
{
    /// <summary>The port <c>ingest serve</c> listens on unless told.</summary>
    public const int DefaultPort = 7071;

    public static IEnumerable<Command> Build(Func<Func<Task<int>>, Task<int>> guard)
    {
        yield return StatusCommand(guard);
        yield return ServeCommand(guard);
    }

    private static Command StatusCommand(Func<Func<Task<int>>, Task<int>> guard)
    {
        var command = new Command("status", "What the pipeline did: drift alarms, the last runs, per-source coverage of each field over 14 days, poison queues, recent articles (the status page as text). Exit 3 while a drift alarm is active.");
        command.SetAction((parse, ct) => guard(async () =>
        {
            var configuration = CliConfiguration.Build();
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct);
            await using var services = Services(configuration);
            var report = await services.GetRequiredService<StatusReader>().ReadAsync(ct);
            await Console.Out.WriteAsync(StatusText.Render(report, color: !Console.IsOutputRedirected));
            return report.Sources.Any(s => s.Alarm is not null) ? 3 : 0;
        }));
        return command;
    }

    private static Command ServeCommand(Func<Func<Task<int>>, Task<int>> guard)
    {
        var port = new Option<int>("--port") { Description = "The port (0: any free one).", DefaultValueFactory = _ => DefaultPort };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65_535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });
        var anyAddress = new Option<bool>("--any-address") { Description = "Listen on every network interface, not only loopback (the page has no login: only on a network you trust)." };
        var command = new Command("serve", "Serve the status page (the Functions app's 'status' function, locally): / the page, /articles/ID the record as JSON, /articles/ID/history its revisions. Loopback only unless --any-address; Ctrl+C stops.") { port, anyAddress };
        command.SetAction((parse, ct) => guard(async () =>
        {
            var configuration = CliConfiguration.Build();
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct);
            await using var services = Services(configuration);
            var site = services.GetRequiredService<StatusSite>();

            var links = new StatusLinks("", "");
            var started = await LocalWebServer.TryStartAsync(parse.GetValue(anyAddress) ? IPAddress.Any : IPAddress.Loopback, parse.GetValue(port), async context =>
            {
                if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                {
                    context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                    return;
                }

                StatusResponse response;
                try
                {
                    response = await site.GetAsync(context.Request.Path.Value, links, context.RequestAborted);
                }
                catch (Azure.RequestFailedException ex)
                {
                    response = new StatusResponse(503, "text/plain; charset=utf-8", $"Storage did not answer: {ex.Message.Split('\n')[0]}");
                }

                context.Response.StatusCode = response.Status;
                context.Response.ContentType = response.ContentType;
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.WriteAsync(response.Body, context.RequestAborted);
            }, ct);
            if (started is not { } running)
            {
                await Console.Error.WriteLineAsync($"ingest: cannot listen on port {parse.GetValue(port)}: another program holds it (--port N chooses another).");
                return 2;
            }

            await using var app = running.App;
            await Console.Out.WriteLineAsync($"Serving the status page at {running.BaseUrl.AbsoluteUri.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)} (Ctrl+C stops).");
            await Console.Out.FlushAsync(ct);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: a clean stop.
            }

            await app.StopAsync(CancellationToken.None);
            return 0;
        }));
        return command;
    }

    private static ServiceProvider Services(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        new ServiceCollection()
            .AddLogging(logging => logging.AddCliConsole(LogLevel.Warning))
            .AddIngest(configuration)
            .BuildServiceProvider();
}
