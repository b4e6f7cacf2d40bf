namespace Ingest.IntegrationTests;

/// <summary>
/// <c>ingest bench</c> on a few pages: each figure it prints comes from a run that stored and re-parsed every page
/// (its exit code says so), with its own Azurite and loopback site. Figures are not judged here: speed is measured by
/// the command, not by tests.
/// </summary>
public sealed class BenchCommandTests
{
    private static readonly Dictionary<string, string?> NoSettings = new();

    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task Bench_FewPages_PrintsEveryPhaseWithTheStorageCallsPerPage()
    {
        await using var bench = HostProcess.StartCommand(NoSettings, ["bench", "--pages", "12"]);
        await bench.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(bench.ExitCode == 0, bench.Output);
        Assert.Matches(@"ingest end to end \(12 stored\)", bench.StandardOutput);
        Assert.Matches(@"re-parse end to end \(12\)", bench.StandardOutput);
        Assert.Matches(@"storage calls per page: ingest \d+\.\d \(blob \d+\.\d: .*queue \d+\.\d: .*\)", bench.StandardOutput);
        Assert.Matches(@"re-parse \d+\.\d \(blob", bench.StandardOutput);
        Assert.Matches(@"CPU in ingest: .* Azurite .* JIT", bench.StandardOutput);
    }

    [Fact(Timeout = TestTimeouts.LongRun)]
    public async Task BenchReparse_OnDiskWithOneAndTwoHosts_EachRunCompletesEveryArticle()
    {
        await using var bench = HostProcess.StartCommand(NoSettings, ["bench", "--reparse", "30", "--on-disk", "--hosts", "1", "2"]);
        await bench.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(bench.ExitCode == 0, bench.Output);
        Assert.Contains("30 articles, ", bench.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Azurite on disk", bench.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"1 host\(s\): re-parse of all 30: .* exit codes 0; run complete", bench.StandardOutput);
        Assert.Matches(@"2 host\(s\): re-parse of all 30: .* exit codes 0,0; run complete", bench.StandardOutput);
    }

    [Theory(Timeout = TestTimeouts.Storage)]
    [InlineData(new[] { "bench", "--reparse", "10", "--hosts", "0" }, "--hosts takes numbers of hosts from 1 to 16.")]
    [InlineData(new[] { "bench", "--hosts", "2" }, "--hosts and --on-disk go with --reparse N.")]
    [InlineData(new[] { "bench", "--on-disk" }, "--hosts and --on-disk go with --reparse N.")]
    public async Task Bench_OptionsThatDoNotGoTogether_ExitTwoWithOneLine(string[] args, string expected)
    {
        await using var bench = HostProcess.StartCommand(NoSettings, args);
        await bench.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(bench.ExitCode == 2, bench.Output);
        Assert.Contains(expected, bench.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bench.Output, StringComparison.Ordinal);
    }
}
