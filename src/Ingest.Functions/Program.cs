using Ingest;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "ingest.sources.json"), optional: false);
builder.Services.AddIngest(builder.Configuration);
builder.Build().Run();
