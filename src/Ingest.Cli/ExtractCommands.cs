using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ingest.Evaluation;
using Ingest.Extraction;

namespace Ingest.Cli;

/// <summary>
/// <c>ingest extract</c> and <c>ingest eval</c>: extraction over saved pages, and its score on the public benchmarks.
/// Neither touches the network or storage.
/// </summary>
internal static class ExtractCommands
{
    private static readonly Uri UnknownUrl = new("https://unknown.invalid/");

    public static Command Extract()
    {
        var paths = new Argument<string[]>("paths") { Description = "Saved pages (.html, .htm, optionally .gz) or folders holding them.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Where to write the predictions JSON.", Required = true };
        var command = new Command("extract", "Extract saved pages into a predictions file: {name: {articleBody, title, authors, published, language}}. A page is read at the URL it declares (canonical link or og:url).")
        {
            paths, output,
        };
        command.SetAction(parse => Guard(() =>
        {
            var files = SavedPages.Find(parse.GetValue(paths)!);
            if (files.Count == 0)
            {
                Console.Error.WriteLine($"ingest: no saved pages (.html, .htm, .html.gz, .htm.gz) in {string.Join(", ", parse.GetValue(paths)!)}; nothing extracted.");
                return 2;
            }

            var extractor = new ArticleExtractor();
            var predictions = new Dictionary<string, Prediction>(StringComparer.Ordinal);
            var refused = 0;
            foreach (var file in files)
            {
                byte[] bytes;
                try
                {
                    bytes = SavedPages.Read(file);
                }
                catch (InvalidDataException ex)
                {
                    Console.Error.WriteLine($"refused: {ex.Message}");
                    refused++;
                    continue;
                }

                var outcome = extractor.Extract(new PageInput(bytes, SavedPages.DeclaredUrl(bytes, UnknownUrl)));
                if (outcome.Rejection is { } reason)
                {
                    Console.Error.WriteLine($"{file}: not an article ({reason})");
                }

                if (!outcome.ProfileDrift.IsEmpty)
                {
                    Console.Error.WriteLine($"{file}: site profile '{outcome.Profile}' found nothing for {string.Join(", ", outcome.ProfileDrift)} (generic extraction filled in)");
                }

                predictions[SavedPages.NameOf(file)] = Prediction.From(outcome);
            }

            using (var stream = File.Create(parse.GetValue(output)!))
            {
                Prediction.WriteAll(stream, predictions);
            }

            Console.Out.WriteLine($"Extracted {predictions.Count} pages into {parse.GetValue(output)}{(refused > 0 ? $"; {refused} refused" : "")}.");
            return refused > 0 ? 1 : 0;
        }));
        return command;
    }

    public static Command Eval()
    {
        var command = new Command("eval", "Score extraction on a public benchmark folder with the benchmark's own rule (see docs/quality.md).");
        command.Subcommands.Add(EvalCommand("scrapinghub", "The ScrapingHub article-extraction benchmark: html/{id}.html.gz + ground-truth.json (body only).", BenchmarkSet.ReadScrapinghub));
        command.Subcommands.Add(EvalCommand("wcxb", "WCXB article pages: html/NNNN.html.gz + ground-truth/NNNN.json (body, title, author, date).", BenchmarkSet.ReadWcxb));
        return command;
    }

    private static Command EvalCommand(string name, string description, Func<string, IReadOnlyList<BenchmarkPage>> read)
    {
        var folder = new Argument<string>("folder") { Description = "The benchmark folder (read where it lies, never copied)." };
        var predictionsFile = new Option<string?>("--predictions") { Description = "Score this predictions file (from 'ingest extract') instead of extracting the folder now." };
        var minF1 = new Option<double?>("--min-f1") { Description = "Exit 3 when the body F1 is below this floor (for CI)." };
        var save = new Option<string?>("--save-predictions") { Description = "Also write the predictions made to this file, to study the misses." };
        var command = new Command(name, description) { folder, predictionsFile, minF1, save };
        command.SetAction(parse => Guard(() =>
        {
            var root = parse.GetValue(folder)!;
            if (!Directory.Exists(root))
            {
                throw new DirectoryNotFoundException($"no benchmark folder '{root}'");
            }

            var pages = read(root);
            var stopwatch = Stopwatch.StartNew();
            IReadOnlyDictionary<string, Prediction> predictions;
            if (parse.GetValue(predictionsFile) is { } file)
            {
                using var stream = File.OpenRead(file);
                predictions = Prediction.ReadAll(stream);
            }
            else
            {
                predictions = Evaluator.Predict(new ArticleExtractor(), pages);
            }

            if (parse.GetValue(save) is { } saveTo)
            {
                using var stream = File.Create(saveTo);
                Prediction.WriteAll(stream, predictions);
            }

            var report = Evaluator.Score(pages, predictions);
            Print(name, report, parse.GetValue(predictionsFile) is null ? $"extracted by parser {ArticleExtractor.Version} in {stopwatch.Elapsed.TotalSeconds:0.0} s" : $"from {parse.GetValue(predictionsFile)}");
            if (parse.GetValue(minF1) is { } floor && report.Body.F1 < floor)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest: body F1 {report.Body.F1:0.0000} is below the floor {floor:0.0000}"));
                return 3;
            }

            return 0;
        }));
        return command;
    }

    private static void Print(string name, EvaluationReport report, string how)
    {
        var body = report.Body;
        var invariant = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(invariant, $"{name}: {body.Pages} pages, {body.EmptyPredictions} empty predictions, {report.MissingPredictions} missing ({how})"));
        Console.Out.WriteLine(string.Create(invariant, $"body      F1 {body.F1:0.0000}  precision {body.Precision:0.0000}  recall {body.Recall:0.0000}  accuracy {body.Accuracy:0.0000}"));
        Line("title", report.Title);
        Line("author", report.Author);
        Line("date", report.Date);
        if (report.Author is not null)
        {
            Console.Out.WriteLine(string.Create(invariant, $"author    named on {report.AuthorsWhereNone} pages whose truth has no author"));
        }

        static void Line(string field, FieldAgreement? agreement)
        {
            if (agreement is not null)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{field,-9} {agreement.Rate:0.0000}  ({agreement.Agreed}/{agreement.Pages})"));
            }
        }
    }

    private static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or FormatException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"ingest: {ex.Message}");
            return 1;
        }
    }
}
