using System.ComponentModel.DataAnnotations;
using Azure.Storage.Queues;
using Ingest;
using Ingest.Messages;
using Ingest.Pipeline;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Cli.Hosting;

/// <summary>
/// Builds the local host: the WebJobs SDK (the engine under the Functions host) with the same Storage queue
/// extension, running <see cref="LocalTriggers"/> against the configured storage (Azurite locally).
/// </summary>
internal static class LocalHost
{
    public static IHost Build(IConfiguration configuration, LogLevel logLevel, bool timer = true, bool ingest = true)
    {
        // Read (and checked) before the host is built: the WebJobs queue options throw a bare ArgumentException on a
        // bad value, which would not say which setting is wrong.
        var queue = configuration.GetSection(QueueSettings.Section).Get<QueueSettings>() ?? new QueueSettings();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(queue, new ValidationContext(queue), problems, validateAllProperties: true))
        {
            throw new OptionsValidationException(QueueSettings.Section, typeof(QueueSettings), problems.Select(p => p.ErrorMessage ?? "invalid"));
        }
        return new HostBuilder()
            .UseEnvironment(Environments.Development)
            .ConfigureAppConfiguration(builder => builder
                .AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [LocalTriggers.TimerDisabledSetting] = timer ? "false" : "true",
                    [LocalTriggers.IngestDisabledSetting] = ingest ? "false" : "true",
                }))
            // Before the queue listener, so it stops after it: a host beats until its last message is handled.
            .ConfigureServices(services => services.AddIngestHeartbeat())
            .ConfigureWebJobs(webJobs =>
            {
                webJobs.AddAzureStorageCoreServices();
                webJobs.AddAzureStorageQueues(options =>
                {
                    // host.json's values (CliConfiguration loads the file; its one local change is the retry delay).
                    options.MessageEncoding = QueueMessageEncoding.Base64;
                    options.MaxDequeueCount = queue.MaxDequeueCount;
                    options.BatchSize = queue.BatchSize;
                    options.NewBatchThreshold = queue.NewBatchThreshold;
                    options.VisibilityTimeout = queue.VisibilityTimeout;
                    options.MaxPollingInterval = queue.MaxPollingInterval;
                });
                webJobs.AddTimers();
            })
            .ConfigureLogging(logging =>
            {
                logging.AddCliConsole(logLevel);

                // The WebJobs host narrates every poll and lease at Information; our own events say what matters.
                logging.AddFilter("Microsoft", LogLevel.Warning);
                logging.AddFilter("Host", LogLevel.Warning);
                // A failed message is logged once, in one line, by the pipeline's TriggerHandler (a bug with its
                // exception, once); the host's own failure logs ("Function.*" and "Host.Results", each with the whole
                // exception chain) would repeat it on every attempt.
                logging.AddFilter("Function", LogLevel.None);
                logging.AddFilter("Host.Results", LogLevel.None);

                // A failed start (a bad setting) is reported by the command in one line; the host's own stack trace adds nothing.
                logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            })
            .ConfigureServices(services =>
            {
                services.AddIngest(configuration);
                services.AddSingleton<LocalTriggers>();

                // Index only our trigger class: scanning every assembly trips over the legacy storage assembly
                // the timer extension pulls in ("Only got partial types"), and finds nothing else anyway.
                services.AddSingleton<ITypeLocator>(new TriggerTypes());
            })
            .Build();
    }
}

/// <summary>Tells the WebJobs host where the triggers are: <see cref="LocalTriggers"/> and nothing else.</summary>
internal sealed class TriggerTypes : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [typeof(LocalTriggers)];
}
