using System.Diagnostics;

namespace Ingest.IntegrationTests;

/// <summary>The local host as a real process of its own ('ingest run --once'), configured by environment variables.</summary>
internal static class HostProcess
{
    /// <summary>Starts <c>Ingest.Cli run --once</c> with the given settings (":" in keys becomes "__").</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> settings, bool discover)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ingest.Cli.dll"));
        foreach (var arg in discover ? ["run", "--once", "--timeout", "300"] : new[] { "run", "--once", "--skip-discovery", "--timeout", "300" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the host process.");
    }
}
