using Ingest;
using Ingest.Functions;
using Ingest.Messages;
using Ingest.Sources;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// The shipped sources, unless the app settings give them (Ingest__Sources__0__Name, ...).
builder.Configuration.AddShippedSourcesUnlessGiven(builder.Configuration);

// The queue settings of host.json (the Functions host reads the file itself), so the handler counts attempts against
// the same maxDequeueCount; lowest precedence, so AzureFunctionsJobHost__extensions__queues__* app settings win here
// as they do in the host.
builder.Configuration.AddHostJsonQueueSettings(QueueSettings.HostJsonPath);

builder.Services.AddIngest(builder.Configuration);

// This worker's beat, and the sweep that hands the messages of a stopped worker back to the queue at once.
builder.Services.AddIngestHeartbeat();
builder.Services.AddIngestTelemetry(builder.Configuration);
var app = builder.Build();

// The site profiles are read at start: a bad profile file stops the worker naming its file and fields, instead of
// failing every message later.
app.Services.GetRequiredService<Ingest.Extraction.ArticleExtractor>();
app.Run();
