using BenchmarkDotNet.Running;
using Ingest.Benchmarks;

// The page folder is resolved here and handed to the benchmark processes BenchmarkDotNet starts through the environment.
Environment.SetEnvironmentVariable(ExtractionBenchmarks.PagesVariable, ExtractionBenchmarks.ResolvePages());
BenchmarkSwitcher.FromAssembly(typeof(ExtractionBenchmarks).Assembly).Run(args);
