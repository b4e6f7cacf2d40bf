using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Ingest.Pipeline;
using Ingest.Storage;

namespace Ingest.Tests.Pipeline;

public sealed class HostLivenessTests
{
    [Fact]
    public void Options_StaleAfterUnderThreeBeats_IsRefusedNamingBothSettings()
    {
        var options = new LivenessOptions { BeatInterval = TimeSpan.FromSeconds(10), StaleAfter = TimeSpan.FromSeconds(20) };

        var problems = new List<ValidationResult>();
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true);

        Assert.False(valid);
        var problem = Assert.Single(problems).ErrorMessage!;
        Assert.Contains("Ingest:Liveness:StaleAfter", problem, StringComparison.Ordinal);
        Assert.Contains("Ingest:Liveness:BeatInterval", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreValid()
    {
        var options = new LivenessOptions();

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    [Fact]
    public void IsGone_ThisProcess_IsNot()
    {
        var self = new HostIdentity();

        Assert.False(self.IsGoneFromThisMachine(self.Beat(DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task IsGone_ExitedProcessOfThisMachine_Is()
    {
        var self = new HostIdentity();
        // Its start time is read while it runs: one that already ended has none to read.
        using var process = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        process.Kill();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(self.IsGoneFromThisMachine(new HostBeat("h", self.Machine, process.Id, started, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void IsGone_ProcessIdReusedByAProcessStartedAtAnotherTime_Is()
    {
        var self = new HostIdentity();

        // This process's id, but a start time an hour earlier: the beat's process is not this one.
        Assert.True(self.IsGoneFromThisMachine(new HostBeat("h", self.Machine, self.ProcessId, self.ProcessStarted.AddHours(-1), DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void IsGone_AnotherMachine_CannotBeToldFromHere()
    {
        var self = new HostIdentity();

        Assert.False(self.IsGoneFromThisMachine(new HostBeat("h", "another-machine", 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void HostId_TwoIdentitiesOfOneProcess_Differ()
    {
        Assert.NotEqual(new HostIdentity().HostId, new HostIdentity().HostId);
    }
}
