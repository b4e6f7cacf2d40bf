using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Ingest.Cli.Hosting;
using Ingest.Cli.SampleSite;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Sources;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Cli;

/// <summary>The <c>ingest</c> command line: the local host and operator tool.</summary>
internal static class IngestCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Ingest: a news-ingestion pipeline. Discover, fetch, parse and archive articles in Azure Blob Storage (Azurite locally).");
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(EnqueueCommand());
        root.Subcommands.Add(EnqueueReparseCommand());
        root.Subcommands.Add(ShowCommand());
        root.Subcommands.Add(FetchCommand.Build(GuardAsync));
        root.Subcommands.Add(BenchCommand.Build(GuardAsync));
        root.Subcommands.Add(ImportCommand.Build(GuardAsync));
        foreach (var command in ArchiveCommands.Build(GuardAsync).Concat(StatusCommands.Build(GuardAsync)))
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(ExtractCommands.Extract());
        root.Subcommands.Add(ExtractCommands.Eval());
        return root;
    }

    private static Command RunCommand()
    {
        var once = new Option<bool>("--once") { Description = "Discover once, handle every queued message, print a summary and exit (0: nothing failed; 1: failures; 2: queues not drained in time)." };
        var demo = new Option<bool>("--demo") { Description = "Use the sample site served on loopback from the repository's pages instead of the real sources; no internet needed." };
        var skipDiscovery = new Option<bool>("--skip-discovery") { Description = "Do not discover at start: only handle what is queued (for example after enqueue-reparse)." };
        var timeout = new Option<int>("--timeout") { Description = "With --once: seconds to wait for the queues to drain.", DefaultValueFactory = _ => 600 };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 86_400)
            {
                result.AddError("--timeout must be between 1 and 86400 seconds.");
            }
        });
        var verbose = new Option<bool>("--verbose") { Description = "Log every message handled (Information); default logs warnings and errors only." };
        var command = new Command("run", "Host the pipeline's triggers locally (timer discovery, ingest queue, re-parse queue) on the WebJobs SDK against Azurite.")
        {
            once, demo, skipDiscovery, timeout, verbose,
        };
        command.SetAction((parse, ct) => GuardAsync(async () =>
        {
            await using var site = parse.GetValue(demo) ? await SampleSiteServer.StartAsync(SampleSiteServer.DefaultRoot, ct) : null;
            if (site is not null)
            {
                await Console.Out.WriteLineAsync($"Sample site on {site.BaseUrl} (feed {site.BaseUrl}feed.xml, listing {site.BaseUrl}columns/).");
            }

            var configuration = CliConfiguration.Build(site?.BaseUrl);
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Out, ct);
            var settings = new RunSettings(
                Once: parse.GetValue(once),
                Discover: !parse.GetValue(skipDiscovery),
                DrainTimeout: TimeSpan.FromSeconds(parse.GetValue(timeout)),
                LogLevel: parse.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning);
            var result = await LocalRun.RunAsync(configuration, settings, Console.Out, ct);
            return result.ExitCode;
        }));
        return command;
    }

    private static Command EnqueueCommand()
    {
        var url = new Argument<string>("url") { Description = "The article page URL." };
        var source = new Option<string>("--source") { Description = "The configured source the URL belongs to.", Required = true };
        var command = new Command("enqueue", "Queue one article URL for ingestion, as discovery would.") { url, source };
        command.SetAction((parse, ct) => GuardAsync(async () =>
        {
            var body = new IngestRequest(parse.GetValue(url)!, parse.GetValue(source)!, TimeProvider.System.GetUtcNow());

            // Checked with the reader the trigger uses and against the configured sources, so a request that could
            // never succeed is refused here, not poisoned later.
            try
            {
                MessageReader.ReadIngestRequest(JsonSerializer.Serialize(body, IngestJsonContext.Default.IngestRequest));
            }
            catch (InvalidMessageException ex)
            {
                throw new RefusedException(ex.Message[(ex.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            }

            var configuration = CliConfiguration.Build();
            CheckSourceHas(configuration, body.Source, new Uri(body.Url));
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct);
            await new IngestQueues(StorageClients.CreateQueueClient(configuration)).SendAsync(body, ct);
            await Console.Out.WriteLineAsync($"Queued {body.Url} on '{QueueNames.IngestRequests}'. 'ingest run --once --skip-discovery' handles it.");
            return 0;
        }));
        return command;
    }

    private static Command EnqueueReparseCommand()
    {
        var id = new Argument<string>("article-id") { Description = "The article id, as printed by 'ingest run' (site_hash)." };
        var force = new Option<bool>("--force") { Description = "Parse again even where the current parser version already did; a result that changes nothing still writes no revision." };
        var command = new Command("enqueue-reparse", "Queue a re-parse of one article from its stored raw page (no fetch); the same as 'reparse --article'.") { id, force };
        command.SetAction((parse, ct) => GuardAsync(async () =>
        {
            var articleId = ArticleId.Parse(parse.GetValue(id)!);
            var configuration = CliConfiguration.Build();
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct);
            await ArchiveCommands.StartRunAsync(configuration, new ReparseRequest(articleId.ToString(), parse.GetValue(force)), ct);
            await Console.Out.WriteLineAsync("'ingest run --once --skip-discovery' handles it (add --demo for the demo's settings).");
            return 0;
        }));
        return command;
    }

    private static Command ShowCommand()
    {
        var id = new Argument<string>("article-id") { Description = "The article id (site_hash)." };
        var revision = new Option<int?>("--revision") { Description = "Show this revision instead of the current one." };
        var history = new Option<bool>("--history") { Description = "List the revisions instead: number, reason, when, parser version, and which article fields changed." };
        var diff = new Option<int[]>("--diff") { Description = "Show what changed between two revisions: --diff A B.", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var command = new Command("show", "Print the stored record of an article as JSON, or its revision history (--history), or what changed between two revisions (--diff A B).") { id, revision, history, diff };
        command.SetAction((parse, ct) => GuardAsync(async () =>
        {
            var articleId = ArticleId.Parse(parse.GetValue(id)!);
            var configuration = CliConfiguration.Build();
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct);
            var store = new ArticleStore(StorageClients.CreateBlobClient(configuration));
            if (parse.GetValue(history))
            {
                return await HistoryOutput.WriteHistoryAsync(store, articleId, Console.Out, ct);
            }

            if (parse.GetValue(diff) is { Length: 2 } pair)
            {
                return await HistoryOutput.WriteDiffAsync(store, articleId, pair[0], pair[1], Console.Out, ct);
            }

            var wanted = parse.GetValue(revision);
            var record = wanted is { } n
                ? await store.GetRevisionAsync(articleId, n, ct)
                : (await store.GetCurrentAsync(articleId, ct))?.Record;
            if (record is null)
            {
                await Console.Error.WriteLineAsync(wanted is null ? $"No record is stored for {articleId}." : $"Article {articleId} has no revision {wanted}.");
                return 1;
            }

            var options = new JsonSerializerOptions(RecordJsonContext.Default.Options)
            {
                WriteIndented = true,
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            };
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(record, options.GetTypeInfo(typeof(ArticleRecord))));
            // The revisions beside the record, on stderr: stdout stays one JSON document for a pipe.
            await Console.Error.WriteLineAsync();
            return await HistoryOutput.WriteHistoryAsync(store, articleId, Console.Error, ct);
        }));
        return command;
    }

    /// <summary>Turns the errors a user can fix into one clear line and exit code 1; anything else propagates.</summary>
    // The source must exist and list the URL's host; a message failing either would go straight to poison.
    private static void CheckSourceHas(IConfiguration configuration, string name, Uri url)
    {
        var sources = new IngestOptions();
        configuration.GetSection(IngestOptions.Section).Bind(sources);
        var source = sources.FindSource(name)
            ?? throw new RefusedException($"--source '{name}' is not a configured source; configured: {string.Join(", ", sources.Sources.Select(s => s.Name))}.");
        if (!source.ArticleHosts().Contains(url.Host.ToLowerInvariant()))
        {
            throw new RefusedException($"'{url.Host}' is not a host of source '{name}' (Ingest:Sources:*:Hosts): the pipeline would refuse to fetch it.");
        }
    }

    private static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (RefusedException ex)
        {
            await Console.Error.WriteLineAsync($"ingest: refused: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OptionsValidationException or InvalidMessageException or DirectoryNotFoundException)
        {
            await Console.Error.WriteLineAsync($"ingest: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is Fetching.TransientFetchException or HttpRequestException or Fetching.AddressRefusedException)
        {
            // A site's misbehaviour (429, 503, a reset, a timeout, an address refused): one line, no stack trace.
            var kind = ex switch
            {
                Fetching.TransientFetchException fetch => fetch.Label,
                HttpRequestException http => Fetching.FetchFailures.Name(Fetching.NetworkFailure.KindOf(http)),
                _ => Fetching.FetchFailures.Name(Fetching.FetchFailure.AddressRefused),
            };
            await Console.Error.WriteLineAsync($"ingest: fetch failed ({kind}): {ex.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
        catch (RequestFailedException ex)
        {
            await Console.Error.WriteLineAsync($"ingest: storage refused the request ({ex.Status} {ex.ErrorCode}): {ex.Message.Split('\n')[0]}");
            return 1;
        }
    }
}

/// <summary>A command that would queue work that can never succeed: refused before anything is sent (exit 2).</summary>
internal sealed class RefusedException(string message) : Exception(message);
