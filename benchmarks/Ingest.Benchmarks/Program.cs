using System.Globalization;
using BenchmarkDotNet.Running;
using Ingest.Benchmarks;

const int DefaultRounds = 10;

var pages = ExtractionBenchmarks.ResolvePages();
// Said here, once, rather than as an exception inside every benchmark process BenchmarkDotNet would start.
if (!File.Exists(Path.Combine(pages, "ground-truth.json")))
{
    Console.Error.WriteLine($"benchmarks: no ScrapingHub benchmark folder at '{pages}' (no ground-truth.json); "
        + $"set {ExtractionBenchmarks.PagesVariable} to one");
    return 2;
}

if (args is [InterleavedRatio.Switch, ..])
{
    var rounds = DefaultRounds;
    if (args.Length > 2 || (args.Length == 2 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out rounds) || rounds < 1)))
    {
        Console.Error.WriteLine($"benchmarks: usage: {InterleavedRatio.Switch} [rounds], rounds a whole number from 1 (default {DefaultRounds})");
        return 2;
    }

    InterleavedRatio.Run(pages, rounds);
    return 0;
}

// The page folder is resolved here and handed to the benchmark processes BenchmarkDotNet starts through the environment.
Environment.SetEnvironmentVariable(ExtractionBenchmarks.PagesVariable, pages);
BenchmarkSwitcher.FromAssembly(typeof(ExtractionBenchmarks).Assembly).Run(args);
return 0;
