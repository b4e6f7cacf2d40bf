namespace Ingest.IntegrationTests;

/// <summary>
/// The xunit Timeouts, in milliseconds, of the tests that start Azurite or the host. Each is far above how long the
/// test normally takes, so only a hang reaches it, and above the sum of the bounds inside the test (a run's drain
/// timeout, <see cref="HostProcess.ExitTimeout"/>, Azurite's start and stop), so those fail first, with messages that
/// say more than "timed out". A timed-out test's TestContext.Current.CancellationToken is cancelled, which stops its
/// storage calls and runs and kills its host processes.
/// </summary>
internal static class TestTimeouts
{
    /// <summary>Storage calls, and runs with a drain timeout of at most 120 s, two at most; normally seconds.</summary>
    public const int Storage = 5 * 60 * 1000;

    /// <summary>
    /// Runs with a drain timeout of 300 s, in process or as host processes (<see cref="HostProcess.ExitTimeout"/>),
    /// at most two one after the other plus up to 3 minutes waiting for progress; normally under a minute.
    /// </summary>
    public const int LongRun = 15 * 60 * 1000;
}
