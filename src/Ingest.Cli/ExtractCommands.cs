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
        var paths = new Argument<string[]>("paths") { Description = "Saved pages (.html, .htm, optionally .gz) or folders holding them.", Arity = ArgumentArity.ZeroOrMore };
        var list = new Option<string?>("--list") { Description = "A file of saved pages with their URLs, one 'PATH<TAB>URL' per line: each page is read at its URL, as ingestion reads it (URL dates, host profiles), instead of at the URL it declares." };
        var output = new Option<string>("--out") { Description = "Where to write the predictions JSON.", Required = true };
        var command = new Command("extract", "Extract saved pages into a predictions file: {name: {articleBody, title, authors, published, language, fields, modified, declaredTitle}}. A page is read at the URL --list gives it, else at the URL it declares (canonical link or og:url).")
        {
            paths, list, output,
        };
        command.SetAction(parse => Guard(() =>
        {
            var given = parse.GetValue(paths) ?? [];
            var listFile = parse.GetValue(list);
            if ((given.Length == 0) == (listFile is null))
            {
                Console.Error.WriteLine("ingest: give saved pages or folders, or --list FILE, one of the two.");
                return 2;
            }

            var problems = new List<string>();
            IReadOnlyList<(string Path, Uri? Url)> pages;
            if (listFile is not null)
            {
                if (!File.Exists(listFile))
                {
                    Console.Error.WriteLine($"ingest: no list file '{listFile}'.");
                    return 2;
                }

                var read = SavedPages.ReadList(listFile);
                pages = [.. read.Pages.Select(p => (p.Path, (Uri?)p.Url))];
                problems.AddRange(read.Problems);
            }
            else
            {
                pages = [.. SavedPages.Find(given).Select(f => (f, (Uri?)null))];
            }

            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"refused: {problem}");
            }

            if (pages.Count == 0)
            {
                Console.Error.WriteLine($"ingest: no saved pages (.html, .htm, .html.gz, .htm.gz) in {listFile ?? string.Join(", ", given)}; nothing extracted.");
                return 2;
            }

            var extractor = new ArticleExtractor();
            var predictions = new Dictionary<string, Prediction>(StringComparer.Ordinal);
            var refused = problems.Count;
            using var progress = TerminalProgress.Start("extracting");
            progress.Total(pages.Count);
            foreach (var (file, url) in pages)
            {
                progress.Step();
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

                var outcome = extractor.Extract(new PageInput(bytes, url ?? SavedPages.DeclaredUrl(bytes, UnknownUrl)));
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
        command.Subcommands.Add(EvalCommand("fundus", "fundus-news, news in 30 countries: html/{id}.html.gz + ground-truth.json (body, title, authors, date; the WCXB rules).", BenchmarkSet.ReadFundus));
        return command;
    }

    private static Command EvalCommand(string name, string description, Func<string, IReadOnlyList<BenchmarkPage>> read)
    {
        var folder = new Argument<string>("folder") { Description = "The benchmark folder (read where it lies, never copied)." };
        var predictionsFile = new Option<string?>("--predictions") { Description = "Score this predictions file (from 'ingest extract') instead of extracting the folder now." };
        var minF1 = new Option<double?>("--min-f1") { Description = "Exit 3 when the body F1 is below this floor (for CI)." };
        var save = new Option<string?>("--save-predictions") { Description = "Also write the predictions made to this file, to study the misses." };
        var authorFloor = new Option<double?>("--author-floor") { Description = $"Leave authors out below this confidence, to measure what that would do (default {FieldConfidence.AuthorFloor}, as ingestion does: every name is kept)." };
        var command = new Command(name, description) { folder, predictionsFile, minF1, save, authorFloor };
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
                using var progress = TerminalProgress.Start("extracting");
                progress.Total(pages.Count);
                if (parse.GetValue(authorFloor) is { } given && !(given is >= 0 and <= 1))
                {
                    Console.Error.WriteLine($"ingest: --author-floor {given.ToString(CultureInfo.InvariantCulture)} is not a confidence: give a number from 0 to 1.");
                    return 2;
                }

                var extractor = parse.GetValue(authorFloor) is { } keepFrom ? new ArticleExtractor(SiteProfiles.Load(SiteProfiles.DefaultFolder), keepFrom) : new ArticleExtractor();
                predictions = Evaluator.Predict(extractor, pages, progress.Step);
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
        if (report.TitleOrDeclared is { } either && report.Title is { } title && either.Agreed > title.Agreed)
        {
            Console.Out.WriteLine(string.Create(invariant, $"          {either.Rate:0.0000}  ({either.Agreed}/{either.Pages}) with the declared headline the record carries beside it"));
        }

        Line("author", report.Author);
        Line("date", report.Date);
        if (report.Author is not null)
        {
            Console.Out.WriteLine(string.Create(invariant, $"author    named on {report.AuthorsWhereNone} pages whose truth has no author"));
        }

        PrintCalibration(report.Calibration);

        static void Line(string field, FieldAgreement? agreement)
        {
            if (agreement is not null)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{field,-9} {agreement.Rate:0.0000}  ({agreement.Agreed}/{agreement.Pages})"));
            }
        }
    }

    // The calibration table: per confidence band, the share of judged fields that were right, over all fields and each.
    private static void PrintCalibration(Calibration calibration)
    {
        if (calibration.IsEmpty)
        {
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        var fields = calibration.Fields.ToList();
        Console.Out.WriteLine();
        Console.Out.WriteLine("confidence  " + string.Join(string.Empty, new[] { "all" }.Concat(fields).Select(f => $"{f,-16}")));
        var columns = new[] { calibration.Bands() }.Concat(fields.Select(f => calibration.Bands(f))).ToList();
        for (var band = columns[0].Count - 1; band >= 0; band--)
        {
            var head = columns[0][band];
            var cells = columns.Select(c => c[band]).Select(b => b.Count == 0 ? "-" : string.Create(invariant, $"{b.Share:0.000} ({b.Count})"));
            Console.Out.WriteLine(string.Create(invariant, $"{head.From:0.00}-{head.To:0.00}   ") + string.Join(string.Empty, cells.Select(c => $"{c,-16}")));
        }

        var sure = calibration.Bands().Where(b => b.From >= 0.9).ToList();
        var (right, count) = (sure.Sum(b => b.Right), sure.Sum(b => b.Count));
        Console.Out.WriteLine(string.Create(invariant, $"confidence >= 0.9: {(count == 0 ? 0 : 100.0 * right / count):0.0}% right ({right} of {count})"));
        if (fields.Contains("authors"))
        {
            var effects = calibration.Effects("authors").Select(e => string.Create(invariant, $"<{e.Threshold:0.0}: agreed {e.Agreed}, wrong kept {e.WrongKept}"));
            Console.Out.WriteLine("authors left empty " + string.Join("; ", effects));
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
