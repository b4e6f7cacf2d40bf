using System.CommandLine;
using System.Globalization;
using Ingest.Cli.Hosting;
using Ingest.Messages;
using Ingest.Storage;

namespace Ingest.Cli;

/// <summary>
/// <c>ingest poison list|replay|purge</c>: what the poison queues hold and why (the reasons kept in
/// <see cref="FailureRecords"/>), moving messages back to be tried again, and removing them.
/// </summary>
internal static class PoisonCommands
{
    public static Command Build(Func<Func<Task<int>>, Task<int>> guard)
    {
        var queue = new Option<string?>("--queue") { Description = "ingest-requests or reparse-requests; default both." };
        queue.AcceptOnlyFromAmong(QueueNames.IngestRequests, QueueNames.ReparseRequests);
        return new Command("poison", "Inspect, re-queue and remove the poison queues' messages.")
        {
            ListCommand(guard, queue),
            ReplayCommand(guard, queue),
            PurgeCommand(guard, queue),
        };
    }

    private static Command ListCommand(Func<Func<Task<int>>, Task<int>> guard, Option<string?> queue)
    {
        var list = new Command("list", "Show what the poison queues hold (up to 32 messages each): when, why, after how many attempts, and the message.") { queue };
        list.SetAction((parse, ct) => guard(async () =>
        {
            await using var storage = await OpenAsync(ct);
            foreach (var name in Queues(parse.GetValue(queue)))
            {
                var count = await storage.Poison.CountAsync(name, ct);
                await Console.Out.WriteLineAsync($"{QueueNames.PoisonOf(name)}: {count} message(s)");
                foreach (var message in await storage.Poison.PeekAsync(name, ct))
                {
                    var (reason, attempts) = await ReasonOfAsync(storage.Failures, name, message, ct);
                    await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {message.MessageId}  {message.InsertedOn:u}  attempts: {attempts}  reason: {reason}"));
                    await Console.Out.WriteLineAsync($"    {FailureRecords.Start(message.Text ?? message.Raw)}");
                }
            }

            return 0;
        }));
        return list;
    }

    private static Command ReplayCommand(Func<Func<Task<int>>, Task<int>> guard, Option<string?> queue)
    {
        var max = new Option<int>("--max") { Description = "Move at most this many messages per queue (1 or more).", DefaultValueFactory = _ => 1000 };
        var replay = new Command("replay", "Move poison messages back to their queue, unchanged, to be tried again.") { queue, max };
        replay.SetAction((parse, ct) => guard(async () =>
        {
            var most = parse.GetValue(max);
            if (most < 1)
            {
                await Console.Error.WriteLineAsync($"ingest: --max must be 1 or more, got {most}.");
                return 2;
            }

            await using var storage = await OpenAsync(ct);
            foreach (var name in Queues(parse.GetValue(queue)))
            {
                var moved = await storage.Poison.ReplayAsync(name, most, ct, m => ForgetAsync(storage.Failures, name, m, ct));
                await Console.Out.WriteLineAsync($"{moved} message(s) moved from {QueueNames.PoisonOf(name)} to {name}.");
            }

            return 0;
        }));
        return replay;
    }

    private static Command PurgeCommand(Func<Func<Task<int>>, Task<int>> guard, Option<string?> queue)
    {
        var olderThan = new Option<TimeSpan?>("--older-than")
        {
            Description = "Remove only messages poisoned at least this long ago: a number and a unit, d, h or m (e.g. 7d, 12h, 30m). Default: all.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (ParseAge(text) is { } age)
                {
                    return age;
                }

                result.AddError($"--older-than must be a positive number followed by d, h or m (e.g. 7d), got '{text}'.");
                return null;
            },
        };
        var purge = new Command("purge", "Delete poison messages (and their kept reasons) for good.") { queue, olderThan };
        purge.SetAction((parse, ct) => guard(async () =>
        {
            var age = parse.GetValue(olderThan);
            var before = age is null ? (DateTimeOffset?)null : TimeProvider.System.GetUtcNow() - age.Value;
            await using var storage = await OpenAsync(ct);
            foreach (var name in Queues(parse.GetValue(queue)))
            {
                var removed = await storage.Poison.PurgeAsync(name, before, ct, m => ForgetAsync(storage.Failures, name, m, ct));
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{removed} message(s) deleted from {QueueNames.PoisonOf(name)}{(before is null ? "" : $" (poisoned before {before:u})")}."));
            }

            return 0;
        }));
        return purge;
    }

    /// <summary>A positive age such as <c>7d</c>, <c>12h</c> or <c>30m</c>; null when it is not one.</summary>
    internal static TimeSpan? ParseAge(string text)
    {
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }

        return text[^1] switch
        {
            'd' => TimeSpan.FromDays(n),
            'h' => TimeSpan.FromHours(n),
            'm' => TimeSpan.FromMinutes(n),
            _ => null,
        };
    }

    // The reason kept for the message, or what can be said without one.
    private static async Task<(string Reason, string Attempts)> ReasonOfAsync(FailureRecords failures, string queue, PoisonMessage message, CancellationToken cancellationToken)
    {
        if (message.Bytes is not { } bytes)
        {
            // The queue trigger cannot decode it, so the host moves it here on its first delivery without calling the pipeline.
            return ("not Base64, the triggers' encoding: the host moved it here without reading it", "1");
        }

        var record = await failures.GetAsync(QueueNames.PoisonOf(queue), bytes, cancellationToken);
        return record is null
            ? ("(no reason kept: poisoned before reasons were kept, or by another tool)", "?")
            : (record.Reason, record.Attempts.ToString(CultureInfo.InvariantCulture));
    }

    private static Task ForgetAsync(FailureRecords failures, string queue, PoisonMessage message, CancellationToken cancellationToken) =>
        message.Bytes is { } bytes ? failures.DeleteAsync(QueueNames.PoisonOf(queue), bytes, cancellationToken) : Task.CompletedTask;

    private static IEnumerable<string> Queues(string? queue) => queue is null ? QueueNames.Work : [queue];

    private static async Task<PoisonStorage> OpenAsync(CancellationToken cancellationToken)
    {
        var configuration = CliConfiguration.Build();
        var azurite = await StorageEnvironment.EnsureAsync(configuration, Console.Error, cancellationToken);
        var connection = StorageClients.ReadConnection(configuration);
        return new PoisonStorage(StorageClients.CreatePoisonQueues(connection), new FailureRecords(connection.CreateBlobServiceClient()), azurite);
    }

    private sealed record PoisonStorage(PoisonQueues Poison, FailureRecords Failures, IAsyncDisposable? Azurite) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Azurite?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
