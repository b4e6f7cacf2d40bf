using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ingest.Cli.Hosting;
using Ingest.Extraction;
using Ingest.Fetching;
using Ingest.Messages;
using Ingest.Pipeline;
using Ingest.Records;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Cli;

/// <summary><c>ingest fetch &lt;url&gt; [--store]</c>: one page through the real fetch rules and extractor, printed as a record.</summary>
internal static class FetchCommand
{
    public static Command Build(Func<Func<Task<int>>, Task<int>> guard)
    {
        var url = new Argument<string>("url") { Description = "The page URL. Its host must belong to a configured source (or Ingest:Fetching:AllowedHosts)." };
        var store = new Option<bool>("--store") { Description = "Store the raw page and the record (as the ingest queue would); default: print only, store nothing." };
        var command = new Command("fetch", "Fetch one page through the pipeline's rules (robots.txt, politeness, address and host checks), extract it and print the record as JSON.") { url, store };
        command.SetAction((parse, ct) => guard(async () =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
            {
                await Console.Error.WriteLineAsync($"ingest: '{parse.GetValue(url)}' is not an absolute http or https URL.");
                return 2;
            }

            var configuration = CliConfiguration.Build();
            await using var azurite = parse.GetValue(store) ? await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct) : null;
            await using var services = new ServiceCollection()
                .AddLogging(logging => logging.AddCliConsole(LogLevel.Warning))
                .AddIngest(configuration)
                .BuildServiceProvider();
            var sources = services.GetRequiredService<IOptions<Sources.IngestOptions>>().Value;
            var source = sources.Sources.FirstOrDefault(s => s.ArticleHosts().Contains(target.Host.ToLowerInvariant()));
            if (source is null)
            {
                await Console.Error.WriteLineAsync($"ingest: refused: no configured source has host '{target.Host}' (Ingest:Sources:*:Hosts).");
                return 1;
            }

            ArticleRecord? record;
            if (parse.GetValue(store))
            {
                var outcome = await services.GetRequiredService<ArticleIngestor>().IngestAsync(new IngestRequest(target.AbsoluteUri, source.Name, TimeProvider.System.GetUtcNow()), ct);
                services.GetRequiredService<OutcomeTally>().RecordOutcome(outcome, reparse: false);
                await services.GetRequiredService<ActivityRecorder>().FlushAsync(ct); // so the status page shows it
                if (outcome.Kind is not (ArticleOutcomeKind.Stored or ArticleOutcomeKind.Unchanged or ArticleOutcomeKind.NotModified))
                {
                    await Console.Error.WriteLineAsync($"ingest: {outcome.Kind.ToString().ToLowerInvariant()}{(outcome.Failure is { } failure ? $" ({failure})" : "")}: {outcome.Detail}");
                    return 1;
                }

                record = (await services.GetRequiredService<ArticleStore>().GetCurrentAsync(ArticleId.Parse(outcome.ArticleId), ct))?.Record;
                await Console.Error.WriteLineAsync($"{outcome.Kind.ToString().ToLowerInvariant()}: {outcome.ArticleId} revision {outcome.Revision}");
            }
            else
            {
                var fetched = await services.GetRequiredService<PageFetcher>().FetchAsync(target, ct);
                if (fetched.Status != FetchStatus.Fetched)
                {
                    await Console.Error.WriteLineAsync($"ingest: {fetched.Status.ToString().ToLowerInvariant()} ({FetchFailures.Label(fetched.Failure, fetched.HttpStatus)}): {fetched.Reason}");
                    return 1;
                }

                var extraction = services.GetRequiredService<ArticleExtractor>().Extract(new PageInput(fetched.Content, fetched.FinalUrl ?? target, fetched.ContentType));
                if (extraction.Article is null)
                {
                    await Console.Error.WriteLineAsync($"ingest: not an article: {extraction.Rejection}");
                    return 1;
                }

                record = ArticleIngestor.Preview(source, target, fetched, extraction.Article);
            }

            var options = new JsonSerializerOptions(RecordJsonContext.Default.Options) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(record, options.GetTypeInfo(typeof(ArticleRecord))));
            return 0;
        }));
        return command;
    }
}
