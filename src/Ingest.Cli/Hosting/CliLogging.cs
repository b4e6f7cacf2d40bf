using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Ingest.Cli.Hosting;

/// <summary>
/// Logging for every command: one line per event, all of it on stderr, so that stdout carries only the command's
/// output (<c>ingest fetch URL &gt; record.json</c> stays valid JSON whatever is logged).
/// </summary>
internal static class CliLogging
{
    public static ILoggingBuilder AddCliConsole(this ILoggingBuilder logging, LogLevel minimum)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // Each retry of the HTTP pipeline would log two warnings: the fetch's own answer says what failed, once.
        logging.AddFilter("Polly", LogLevel.None);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);

        // The storage SDK logs every expected 404/409 (conditional writes, existence checks) as a warning.
        logging.AddFilter("Azure", LogLevel.Error);
        return logging.SetMinimumLevel(minimum);
    }
}
