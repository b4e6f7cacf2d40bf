using Ingest;
using Ingest.Functions;
using Ingest.Messages;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// The packaged sources, unless the app settings give them (Ingest__Sources__0__Name, ...): a file added after the
// environment would otherwise override the app settings entry by entry.
if (!builder.Configuration.GetSection("Ingest:Sources").GetChildren().Any())
{
    builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "ingest.sources.json"), optional: false);
}

// The queue settings of host.json (the Functions host reads the file itself), so the handler counts attempts against
// the same maxDequeueCount; lowest precedence, so AzureFunctionsJobHost__extensions__queues__* app settings win here
// as they do in the host.
builder.Configuration.AddHostJsonQueueSettings(QueueSettings.HostJsonPath);

builder.Services.AddIngest(builder.Configuration);
builder.Services.AddIngestTelemetry(builder.Configuration);
builder.Build().Run();
