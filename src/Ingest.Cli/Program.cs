using Ingest.Cli;

return await IngestCommands.Build().Parse(args).InvokeAsync();
