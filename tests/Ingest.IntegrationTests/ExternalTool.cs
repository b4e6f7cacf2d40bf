using System.Diagnostics;
using System.Text;

namespace Ingest.IntegrationTests;

/// <summary>
/// Runs a program that is not ours (wget, warcio.js) to its end, bounded: its output is read while it runs, and past
/// the timeout its process tree is killed and the test fails with what it wrote.
/// </summary>
internal static class ExternalTool
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not end within {timeout.TotalSeconds:0} s. It wrote:\n{output}\n{errors}");
        }

        process.WaitForExit(); // the end of its output
        return (process.ExitCode, output.ToString(), errors.ToString());
    }

    /// <summary>A program installed by npm (node_modules/.bin) above the test's folder, as .ci/run installs them.</summary>
    public static string NodeTool(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node_modules", ".bin", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"node_modules/.bin/{name} is not installed above {AppContext.BaseDirectory}: run 'npm ci' at the repository root (.ci/run does).");
    }
}
