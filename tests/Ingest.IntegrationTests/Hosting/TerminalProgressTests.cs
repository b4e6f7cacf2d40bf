using Ingest.Cli;

namespace Ingest.IntegrationTests.Hosting;

public sealed class TerminalProgressTests
{
    [Fact]
    public void Line_KnownTotal_DrawsABarCountShareAndTime()
    {
        var line = TerminalProgress.Line("re-parsing", 150, 300, TimeSpan.FromSeconds(12.4), "stored 3, failed 0", 200);

        Assert.Equal("re-parsing [############............] 150/300  50%  12 s  stored 3, failed 0", line);
    }

    [Fact]
    public void Line_UnknownTotal_DrawsACount()
    {
        Assert.Equal("exporting records: 42  3 s", TerminalProgress.Line("exporting records", 42, 0, TimeSpan.FromSeconds(3), null, 200));
    }

    [Fact]
    public void Line_NarrowTerminal_IsCutToItsWidth()
    {
        Assert.Equal(30, TerminalProgress.Line("handling messages", 1, 2, TimeSpan.Zero, "a long detail that does not fit", 30).Length);
    }

    [Fact]
    public void Start_OutputRedirected_DrawsNothing()
    {
        // Under the test runner stdout and stderr are pipes: progress must stay off, so logs stay plain lines.
        Assert.False(TerminalProgress.Enabled);
        using var progress = TerminalProgress.Start("anything");
        progress.Report(1, 2);
    }
}
