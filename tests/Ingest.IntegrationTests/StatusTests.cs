using Ingest.Status;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.IntegrationTests;

/// <summary>The drift alarm and <c>ingest status</c>, on a fixture site whose layout changes between two runs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusTests(AzuriteFixture azurite) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => azurite.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task TwoRuns_LayoutChangedBetween_RaiseOneAlarmLoggedCountedAndShownByStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var site = await DriftSite.StartAsync(ct);

        await using var first = await site.RunOnceAsync(azurite.ConnectionString, ct);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.DoesNotContain("Drift alarms", first.Output, StringComparison.Ordinal);

        site.ChangeLayout();
        await using var second = await site.RunOnceAsync(azurite.ConnectionString, ct);

        Assert.True(second.ExitCode == 0, second.Output);
        var warning = Assert.Single(second.Output.Split('\n'), l => l.Contains("[7001]", StringComparison.Ordinal));
        Assert.Contains("warn", warning, StringComparison.Ordinal);
        Assert.Contains("Source drifting drifted in run", warning, StringComparison.Ordinal);
        Assert.Contains("authors 100% → 0% of 6 pages (7-day level over 6 pages)", warning, StringComparison.Ordinal);
        Assert.Contains("published 100% → 0% of 6 pages", warning, StringComparison.Ordinal);
        Assert.Contains("Drift alarms (a field fell", second.StandardOutput, StringComparison.Ordinal);

        var alarm = Assert.Single(await new DriftAlarms(azurite.Blobs).ListAsync("", ct));
        Assert.Equal(DriftSite.Source, alarm.Source);
        Assert.Equal(["authors", "published"], alarm.Drops.Select(d => d.Field).Order(StringComparer.Ordinal));

        // Judged again (status read, the next discovery): raised once, not again.
        await using var status = HostProcess.StartCommand(site.Settings(azurite.ConnectionString), ["status"]);
        await status.WaitForExitAsync(ct);
        Assert.True(status.ExitCode == 3, status.Output);
        Assert.Contains($"ALARM {DriftSite.Source}, run {alarm.Run}", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Last runs", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Harbour story", status.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", status.StandardOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task ThirdRun_NoNewPages_IsNotJudgedAndTheAlarmHolds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var site = await DriftSite.StartAsync(ct);
        await using var first = await site.RunOnceAsync(azurite.ConnectionString, ct);
        site.ChangeLayout();
        await using var second = await site.RunOnceAsync(azurite.ConnectionString, ct);
        Assert.Contains("[7001]", second.Output, StringComparison.Ordinal);

        // A run with no new pages is not judged (fewer than 5): the alarm holds.
        await using var third = await site.RunOnceAsync(azurite.ConnectionString, ct);
        Assert.DoesNotContain("[7001]", third.Output, StringComparison.Ordinal);
        await using var status = HostProcess.StartCommand(site.Settings(azurite.ConnectionString), ["status"]);
        await status.WaitForExitAsync(ct);
        Assert.True(status.ExitCode == 3, status.Output);
    }

    [Theory(Timeout = TestTimeouts.Storage)]
    [InlineData("/nope", 404, "No such page: /nope.")]
    [InlineData("/articles/not-an-id", 400, "'not-an-id' is not an article id.")]
    [InlineData("/articles/example.org_00000000000000000000000000000000", 404, "No record is stored for example.org_00000000000000000000000000000000.")]
    [InlineData("/articles/example.org_00000000000000000000000000000000/history", 404, "No record is stored")]
    [InlineData("/articles/example.org_00000000000000000000000000000000/other", 404, "No such page")]
    public async Task StatusSite_PathsThatNameNothing_AnswerWithTheirReason(string path, int status, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.ConnectionName] = azurite.ConnectionString, ["Ingest:Fetching:Contact"] = "tests@example.org" })
            .Build();
        await using var services = new ServiceCollection().AddLogging().AddIngest(configuration).BuildServiceProvider();
        var site = services.GetRequiredService<StatusSite>();

        var answer = await site.GetAsync(path, new StatusLinks("", ""), ct);

        Assert.Equal(status, answer.Status);
        Assert.Contains(reason, answer.Body, StringComparison.Ordinal);
        Assert.Equal(200, (await site.GetAsync("/", new StatusLinks("", ""), ct)).Status);
    }

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Serve_PortTaken_SaysSoInOneLineAndExits2()
    {
        var ct = TestContext.Current.CancellationToken;
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await using var serve = HostProcess.StartCommand(new Dictionary<string, string?> { [StorageClients.ConnectionName] = azurite.ConnectionString }, ["serve", "--port", port]);
        await serve.WaitForExitAsync(ct);

        Assert.Equal(2, serve.ExitCode);
        Assert.Contains($"ingest: cannot listen on port {port}", serve.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", serve.Output, StringComparison.Ordinal);
    }
}
