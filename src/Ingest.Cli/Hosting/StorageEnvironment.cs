using Ingest.Storage;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli.Hosting;

/// <summary>
/// Makes sure the configured storage answers before a command uses it. With the development connection string
/// and nothing listening on Azurite's ports, starts the repository's Azurite (data kept in <c>.azurite/</c> at the
/// repository root, so records survive between commands) and stops it when the command ends.
/// </summary>
internal static class StorageEnvironment
{
    private const int BlobPort = 10000;
    private const int QueuePort = 10001;
    private const int TablePort = 10002;

    public static async Task<IAsyncDisposable?> EnsureAsync(IConfiguration configuration, TextWriter status, CancellationToken cancellationToken)
    {
        var connection = configuration[StorageClients.ConnectionName];
        if (!string.Equals(connection?.Trim().TrimEnd(';'), CliConfiguration.DevelopmentStorage, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var listening = new[]
        {
            await LocalAzurite.IsListeningAsync(BlobPort, cancellationToken),
            await LocalAzurite.IsListeningAsync(QueuePort, cancellationToken),
            await LocalAzurite.IsListeningAsync(TablePort, cancellationToken),
        };
        if (listening.All(l => l))
        {
            await status.WriteLineAsync("Using the Azurite already listening on 127.0.0.1:10000-10002.");
            return null;
        }

        if (listening.Any(l => l))
        {
            throw new InvalidOperationException(
                "Some of Azurite's ports 10000-10002 on 127.0.0.1 are in use by something that is not a complete Azurite. " +
                "Free them, or set IngestStorage to a connection string for your own storage.");
        }

        var location = Path.Combine(RepositoryRoot(), ".azurite");
        await status.WriteLineAsync($"Starting Azurite on 127.0.0.1:10000-10002 (data in {location}); it stops when this command ends.");
        return await LocalAzurite.StartAsync(BlobPort, QueuePort, TablePort, location, cancellationToken);
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "node_modules", "azurite")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
