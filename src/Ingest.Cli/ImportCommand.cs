using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Ingest.Cli.Hosting;
using Ingest.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.Cli;

/// <summary><c>ingest import FILE.warc[.gz] … [--source NAME]</c>: backfill from web archives, fetching nothing.</summary>
internal static partial class ImportCommand
{
    public static Command Build(Func<Func<Task<int>>, Task<int>> guard)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "WARC 1.0/1.1 files, plain or gzip (per record or whole file).", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--source") { Description = "The source name for pages of hosts no configured source has (1-63 lower-case letters, digits or dashes); without it they are skipped." };
        var command = new Command("import", "Import the HTML pages of WARC files (wget --warc-file, Heritrix, Common Crawl): each 200 response is stored as a raw page at its URL with the capture's date, and extracted as a fetched page would be. Nothing is fetched; importing a file again stores nothing new.") { files, source };
        command.SetAction((parse, ct) => guard(async () =>
        {
            var fallback = parse.GetValue(source);
            if (fallback is not null && !SourceName().IsMatch(fallback))
            {
                await Console.Error.WriteLineAsync($"ingest: --source '{fallback}' must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit.");
                return 2;
            }

            var missing = parse.GetValue(files)!.Where(f => !f.Exists).ToList();
            if (missing.Count > 0)
            {
                await Console.Error.WriteLineAsync($"ingest: no such file: {string.Join(", ", missing.Select(f => f.FullName))}");
                return 2;
            }

            var configuration = CliConfiguration.WithoutFetching(CliConfiguration.Build());
            await using var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, ct);
            await using var services = new ServiceCollection()
                .AddLogging(logging => logging.AddCliConsole(LogLevel.Warning))
                .AddIngest(configuration)
                .BuildServiceProvider();
            var importer = services.GetRequiredService<WarcImporter>();
            var total = new ImportSummary();
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var summary = new ImportSummary();
                using (var progress = TerminalProgress.Start($"importing {file.Name}"))
                {
                    try
                    {
                        await importer.ImportAsync(file.FullName, fallback, summary, () => progress.Report(summary.Records, 0, string.Create(CultureInfo.InvariantCulture, $"stored {summary.Stored}")), ct);
                    }
                    catch (InvalidDataException ex)
                    {
                        // A broken file: what was read before the break is kept; the other files go on.
                        await Console.Error.WriteLineAsync($"ingest: {file.Name}: {ex.Message}; stopped reading it after {summary.Records} record(s).");
                        failed++;
                    }
                }

                await Console.Out.WriteLineAsync(Line(file.Name, summary));
                total.Merge(summary);
            }

            await services.GetRequiredService<ActivityRecorder>().FlushAsync(ct); // so the status page shows the import
            if (parse.GetValue(files)!.Length > 1)
            {
                await Console.Out.WriteLineAsync(Line("all files", total));
            }

            return failed > 0 ? 1 : 0;
        }));
        return command;
    }

    private static string Line(string name, ImportSummary summary)
    {
        var skipped = summary.Skipped.Count == 0 ? "none" : string.Join(", ", summary.Skipped.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value}")));
        return string.Create(CultureInfo.InvariantCulture, $"{name}: read {summary.Records} record(s), {summary.Pages} page(s): stored {summary.Stored}, unchanged {summary.Unchanged}, not an article {summary.NotArticles}; skipped: {skipped}");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex SourceName();
}
