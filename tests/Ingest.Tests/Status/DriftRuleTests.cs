using System.Collections.Immutable;
using Ingest.Status;
using Ingest.Storage;

namespace Ingest.Tests.Status;

public sealed class DriftRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_AuthorsFallFromAllToNone_RaisesAnAlarmForAuthorsOnly()
    {
        ActivityEntry[] entries = [Entry("run-a", Now.AddDays(-1), pages: 6, authors: 6), Entry("run-b", Now.AddHours(-1), pages: 6, authors: 0)];

        var alarm = Assert.Single(DriftRule.Evaluate(entries, Now));

        Assert.Equal(("src", "run-b"), (alarm.Source, alarm.Run));
        var drop = Assert.Single(alarm.Drops);
        Assert.Equal(("authors", "coverage", 1.0, 0.0, 6, 6), (drop.Field, drop.Kind, drop.Baseline!.Value, drop.Now, drop.BaselinePages, drop.Pages));
    }

    [Theory]
    [InlineData(10, 10, 8, false)] // 100% -> 80%: exactly 20 points
    [InlineData(10, 10, 9, false)] // 100% -> 90%
    [InlineData(4, 10, 0, true)]  // only 4 pages before
    [InlineData(10, 4, 0, true)]  // only 4 pages now
    public void Evaluate_AtTheEdges_RaisesOnlyAtTwentyPointsWithFivePagesEachSide(int before, int now, int nowAuthors, bool tooFewPages)
    {
        ActivityEntry[] entries = [Entry("run-a", Now.AddDays(-2), pages: before, authors: before), Entry("run-b", Now.AddHours(-2), pages: now, authors: nowAuthors)];

        var alarms = DriftRule.Evaluate(entries, Now);

        var expectAlarm = !tooFewPages && (double)(now - nowAuthors) / now >= DriftRule.Drop;
        Assert.Equal(expectAlarm, alarms.Count == 1);
    }

    [Fact]
    public void Evaluate_BaselineOlderThanSevenDays_IsNotCompared()
    {
        ActivityEntry[] entries = [Entry("run-a", Now.AddDays(-8), pages: 6, authors: 6), Entry("run-b", Now.AddHours(-1), pages: 6, authors: 0)];

        Assert.Empty(DriftRule.Evaluate(entries, Now));
    }

    [Fact]
    public void Evaluate_RunOlderThanADay_IsNotJudgedAgain()
    {
        ActivityEntry[] entries = [Entry("run-a", Now.AddDays(-3), pages: 6, authors: 6), Entry("run-b", Now.AddDays(-2), pages: 6, authors: 0)];

        Assert.Empty(DriftRule.Evaluate(entries, Now));
    }

    [Fact]
    public void Evaluate_ProfileRuleMatchesNothingWithNoHistory_RaisesAProfileAlarm()
    {
        ActivityEntry[] entries = [Entry("run-b", Now.AddHours(-1), pages: 5, authors: 5, profilePages: 5, profileMissed: ("authors", 5))];

        var drop = Assert.Single(Assert.Single(DriftRule.Evaluate(entries, Now)).Drops);

        Assert.Equal(("authors", "profile", (double?)null, 0.0), (drop.Field, drop.Kind, drop.Baseline, drop.Now));
    }

    [Fact]
    public void Evaluate_ProfileRuleStillMatchesMost_RaisesNothing()
    {
        ActivityEntry[] entries =
        [
            Entry("run-a", Now.AddDays(-1), pages: 10, authors: 10, profilePages: 10, profileMissed: ("authors", 1)),
            Entry("run-b", Now.AddHours(-1), pages: 10, authors: 10, profilePages: 10, profileMissed: ("authors", 2)),
        ];

        Assert.Empty(DriftRule.Evaluate(entries, Now));
    }

    [Fact]
    public void Evaluate_WorkOfNoRun_IsNeitherJudgedNorABaseline()
    {
        ActivityEntry[] entries = [Entry(ActivityEntry.NoRun, Now.AddDays(-1), pages: 6, authors: 6), Entry("run-b", Now.AddHours(-1), pages: 6, authors: 0)];

        Assert.Empty(DriftRule.Evaluate(entries, Now));
    }

    internal static ActivityEntry Entry(string run, DateTimeOffset at, int pages, int authors, int profilePages = 0, (string Field, int Missed)? profileMissed = null, string source = "src") => new(
        run, "ingest", source, "host-1", at, at.AddMinutes(1),
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("stored", pages)]),
        pages,
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, ActivityEntry.Fields.Select(f => KeyValuePair.Create(f, f == "authors" ? authors : pages))),
        profilePages,
        profileMissed is { } m ? ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(m.Field, m.Missed)]) : ImmutableSortedDictionary<string, int>.Empty,
        []);
}
