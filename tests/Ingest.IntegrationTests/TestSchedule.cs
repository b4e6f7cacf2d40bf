namespace Ingest.IntegrationTests;

/// <summary>
/// The discovery timer's schedule (<c>IngestSchedule</c>) for every run a test starts: once a year, 1 January 00:00
/// UTC. <c>run --once</c> no longer lets its timer fire (see RunOnce_ScheduleDueEverySecond_DiscoversOnlyOnceAtStart);
/// this stays as a second guard, since under the shipped "every 30 minutes" a timer that fired in a test would discover
/// the real sites where a test configures none, reaching for the network (seen once: ReparseAll_Twice crossing 08:00).
/// </summary>
internal static class TestSchedule
{
    public const string Discovery = "0 0 0 1 1 *";
}
