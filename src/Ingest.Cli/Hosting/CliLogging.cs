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
        return logging.SetMinimumLevel(minimum);
    }
}
