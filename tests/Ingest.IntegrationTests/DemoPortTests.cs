namespace Ingest.IntegrationTests;

/// <summary>The demo's fixed port, taken by another program.</summary>
public sealed class DemoPortTests
{
    [Fact(Timeout = TestTimeouts.Storage)]
    public async Task RunDemo_PortTaken_RefusesWithExitTwoInsteadOfStoringUnderNewIds()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 47080);
        try
        {
            squatter.Start();
        }
        catch (System.Net.Sockets.SocketException)
        {
            Assert.Skip("port 47080 is already taken on this machine, which is the case under test; nothing to set up");
        }

        await using var demo = HostProcess.StartCommand(new Dictionary<string, string?>(), ["run", "--once", "--demo"]);
        await demo.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("port 47080 on 127.0.0.1 is taken by another program", demo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Sample site on", demo.Output, StringComparison.Ordinal);
    }
}
