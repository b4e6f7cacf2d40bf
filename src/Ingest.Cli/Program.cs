using System.Diagnostics;
using System.Globalization;
using Ingest.Cli;

var clock = Stopwatch.StartNew();
var exit = await IngestCommands.Build().Parse(args).InvokeAsync();

// For the fault suite and docs/reliability.md: what a command cost, measured by the process itself (peak resident
// memory is the kernel's high-water mark), on stderr so that stdout stays the command's output.
if (Environment.GetEnvironmentVariable("INGEST_RESOURCE_REPORT") == "1")
{
    using var self = Process.GetCurrentProcess();
    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"resources: took {clock.Elapsed.TotalSeconds:0.00} s, peak memory {self.PeakWorkingSet64 / (1024.0 * 1024):0} MB, exit {exit}"));
}

return exit;
