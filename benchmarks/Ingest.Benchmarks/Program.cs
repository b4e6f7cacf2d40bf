using System.Globalization;
using BenchmarkDotNet.Running;
using Ingest.Benchmarks;

var pages = ExtractionBenchmarks.ResolvePages();
if (args is [InterleavedRatio.Switch, ..])
{
    InterleavedRatio.Run(pages, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10);
    return;
}

// The page folder is resolved here and handed to the benchmark processes BenchmarkDotNet starts through the environment.
Environment.SetEnvironmentVariable(ExtractionBenchmarks.PagesVariable, pages);
BenchmarkSwitcher.FromAssembly(typeof(ExtractionBenchmarks).Assembly).Run(args);
