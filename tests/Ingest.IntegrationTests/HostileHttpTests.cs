using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Ingest.Messages;
using Ingest.Records;
using Ingest.Storage;

namespace Ingest.IntegrationTests;

/// <summary>
/// The hostile-input part of the fault suite: a loopback site that misbehaves in every way listed in
/// <see cref="HostileSite.Cases"/>, fetched by the real pipeline (a host process on a real Azurite) and by
/// <c>ingest fetch</c>. Each case must end in its own outcome and failure kind, with nothing stored half-written or
/// changed, in bounded time and memory. The measured figures are printed as diagnostic messages
/// (<c>-- xUnit.DiagnosticMessages=true</c>) and kept in docs/reliability.md.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class HostileHttpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostileSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        await azurite.ResetAsync(TestContext.Current.CancellationToken);
        _site = await HostileSite.StartAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task Pipeline_EveryHostileCase_EndsInItsOwnOutcome_NothingHalfWrittenOrChanged_Bounded()
    {
        var ct = TestContext.Current.CancellationToken;
        await ArchiveSeed.StoreAsync(azurite.Blobs, 5, cancellationToken: ct);
        var before = await BlobsAsync(ct);
        var queues = new IngestQueues(azurite.Queues);
        foreach (var c in _site.Cases)
        {
            await queues.SendAsync(new IngestRequest(_site.UrlOf(c).AbsoluteUri, "hostile", DateTimeOffset.UtcNow), ct);
        }

        await using var host = HostProcess.StartCommand(Settings(), ["run", "--once", "--skip-discovery", "--timeout", "120"]);
        await host.WaitForExitAsync(ct);
        var output = host.Output;

        Assert.True(host.ExitCode == 1, output);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), output);
        var store = new ArticleStore(azurite.Blobs);
        var snapshots = azurite.Blobs.GetBlobContainerClient(SnapshotStore.Container);
        foreach (var c in _site.Cases)
        {
            var url = _site.UrlOf(c);
            var id = ArticleId.FromCanonicalUrl(url);
            var current = await store.GetCurrentAsync(id, ct);
            var raw = await CountAsync(snapshots, id.BlobPrefix, ct);
            if (c.Outcome == "stored")
            {
                Assert.True(current is not null, $"{c.Name}: no record\n{output}");
                Assert.Equal([1], await store.ListRevisionsAsync(id, ct));
                Assert.NotNull(await new SnapshotStore(azurite.Blobs).GetAsync(id, current.Record.Provenance.SnapshotId, ct));
                if (c.Path == "/charset")
                {
                    // The bytes' own declaration wins over the header that lies about them.
                    Assert.Equal("항구가 다시 열렸다", current.Record.Article.Title);
                }

                continue;
            }

            // Nothing half-written: no record, and no raw page (a page that is not an article keeps its raw page, by design: it was fetched whole).
            Assert.True(current is null, $"{c.Name}: a record was stored");
            Assert.True(raw == (c.Outcome == "not-an-article" ? 1 : 0), $"{c.Name}: {raw} raw page(s)");
            if (c.Outcome == "failed")
            {
                // Retried, then poisoned with its kind in the reason that 'poison list' shows.
                Assert.Matches($@"ingest-requests: \[{Regex.Escape(c.Failure!)}\] Fetching {Regex.Escape(url.AbsoluteUri)} failed", output);
            }
            else
            {
                var note = c.Failure is null ? $"{c.Outcome}: {url.AbsoluteUri} (" : $"{c.Outcome} [{c.Failure}]: {url.AbsoluteUri} (";
                Assert.True(output.Contains(note, StringComparison.Ordinal), $"{c.Name}: no note '{note}'\n{output}");
            }
        }

        // Every blob that was stored before is as it was.
        var after = await BlobsAsync(ct);
        Assert.All(before, b => Assert.Equal(b.Value, after.GetValueOrDefault(b.Key)));
        var poisoned = (await azurite.Queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.IngestRequests)).PeekMessagesAsync(32, ct)).Value.Length;
        Assert.Equal(_site.Cases.Count(c => c.Outcome == "failed"), poisoned);

        var (took, peak) = Resources(output);
        TestContext.Current.SendDiagnosticMessage($"hostile pipeline run: {_site.Cases.Count} cases in one 'run --once' (maxDequeueCount 2, TimeoutSeconds 2, MaxRetries 1): took {took:0.0} s, peak memory {peak} MB, log {Encoding.UTF8.GetByteCount(output)} bytes");
        Assert.True(took < 90, $"took {took} s");
        Assert.True(peak < 600, $"peak memory {peak} MB");
    }

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task FetchCommand_EveryHostileCase_AnswersInOneLineWithItsKind_Bounded()
    {
        var ct = TestContext.Current.CancellationToken;
        var rows = new StringBuilder();
        foreach (var c in _site.Cases)
        {
            var url = _site.UrlOf(c);
            await using var command = HostProcess.StartCommand(Settings(), ["fetch", url.AbsoluteUri]);
            await command.WaitForExitAsync(ct);
            var output = command.Output;
            var errors = output.Split('\n').Except(command.StandardOutput.Split('\n')).Where(l => !l.StartsWith("resources: ", StringComparison.Ordinal)).ToList();

            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
            Assert.DoesNotMatch(StackFrame(), output);
            if (c.Outcome == "stored")
            {
                Assert.True(command.ExitCode == 0, $"{c.Name}: exit {command.ExitCode}\n{output}");
                Assert.StartsWith("{", command.StandardOutput, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(command.ExitCode == 1, $"{c.Name}: exit {command.ExitCode}\n{output}");
                Assert.Equal("", command.StandardOutput);
                Assert.True(errors.Count == 1, $"{c.Name}: {errors.Count} lines on stderr\n{string.Join('\n', errors)}");
                var answer = errors[0];
                Assert.StartsWith("ingest: ", answer, StringComparison.Ordinal);
                Assert.True(c.Failure is null ? answer.StartsWith("ingest: not an article", StringComparison.Ordinal) : answer.Contains($"({c.Failure})", StringComparison.Ordinal), $"{c.Name}: {answer}");
            }

            var (took, peak) = Resources(output);
            Assert.True(took < 30, $"{c.Name}: took {took} s");
            Assert.True(peak < 400, $"{c.Name}: peak memory {peak} MB");
            rows.Append(CultureInfo.InvariantCulture, $"| {c.Name} | exit {command.ExitCode}: {(errors.LastOrDefault(l => l.StartsWith("ingest: ", StringComparison.Ordinal)) ?? "record JSON on stdout").Replace("|", "\\|", StringComparison.Ordinal)} | {took:0.00} s | {peak} MB |\n");
        }

        TestContext.Current.SendDiagnosticMessage("ingest fetch, one process per case (TimeoutSeconds 2, MaxRetries 1):\n" + rows);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        [StorageClients.ConnectionName] = azurite.ConnectionString,
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["IngestSchedule"] = TestSchedule.Discovery,
        ["Ingest:Sources:0:Name"] = "hostile",
        ["Ingest:Sources:0:Kind"] = "Listing",
        ["Ingest:Sources:0:Url"] = _site.BaseUrl.AbsoluteUri,
        ["Ingest:Sources:0:LinkSelector"] = "a",
        ["Ingest:Fetching:AllowedLoopbackPorts:0"] = _site.BaseUrl.Port.ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:AllowedLoopbackPorts:1"] = _site.ClosedPort.ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:AllowedLoopbackPorts:2"] = _site.OwnPorts[0].ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:AllowedLoopbackPorts:3"] = _site.OwnPorts[1].ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:AllowedLoopbackPorts:4"] = _site.OwnPorts[2].ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:AllowedLoopbackPorts:5"] = _site.OwnPorts[3].ToString(CultureInfo.InvariantCulture),
        ["Ingest:Fetching:AllowedHosts:0"] = "169.254.169.254",
        ["Ingest:Fetching:AllowedHosts:1"] = "10.0.0.1",
        ["Ingest:Fetching:MinDelayPerHostMilliseconds"] = "0",
        ["Ingest:Fetching:TimeoutSeconds"] = "2",
        ["Ingest:Fetching:TotalTimeoutSeconds"] = "10",
        ["Ingest:Fetching:MaxRetries"] = "1",
        ["Ingest:Fetching:MaxRetryAfterSeconds"] = "5",
        ["Ingest:Fetching:Contact"] = "tests@example.org",
        ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2",
        ["INGEST_RESOURCE_REPORT"] = "1",
    };

    private static (double Took, int PeakMb) Resources(string output)
    {
        var match = ResourceLine().Match(output);
        Assert.True(match.Success, "no resources line:\n" + output);
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private async Task<Dictionary<string, Azure.ETag>> BlobsAsync(CancellationToken cancellationToken)
    {
        var blobs = new Dictionary<string, Azure.ETag>(StringComparer.Ordinal);
        await foreach (var container in azurite.Blobs.GetBlobContainersAsync(cancellationToken: cancellationToken))
        {
            if (container.Name is WorkClaims.Container or ActivityLog.Container)
            {
                continue; // Hosts' beats, and the activity log each run appends to, change by design.
            }

            await foreach (var blob in azurite.Blobs.GetBlobContainerClient(container.Name).GetBlobsAsync(cancellationToken: cancellationToken))
            {
                blobs[$"{container.Name}/{blob.Name}"] = blob.Properties.ETag!.Value;
            }
        }

        return blobs;
    }

    private static async Task<int> CountAsync(BlobContainerClient container, string prefix, CancellationToken cancellationToken)
    {
        var count = 0;
        if (!await container.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        await foreach (var _ in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"resources: took ([\d.]+) s, peak memory (\d+) MB")]
    private static partial Regex ResourceLine();

    [GeneratedRegex(@"(?m)^\s+at \S+\(")]
    private static partial Regex StackFrame();
}
