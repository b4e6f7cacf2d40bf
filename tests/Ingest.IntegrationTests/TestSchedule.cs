namespace Ingest.IntegrationTests;

/// <summary>
/// The discovery timer's schedule (<c>IngestSchedule</c>) for every run a test starts: once a year, 1 January 00:00
/// UTC. The host registers its timer even with <c>--once</c>, so under the shipped "every 30 minutes" a run that spans
/// :00 or :30 also discovers whatever sources are configured, the real sites where a test sets none: it reaches for
/// the network and, refused, records failures (seen: ReparseAll_Twice failed on a run that crossed 08:00).
/// </summary>
internal static class TestSchedule
{
    public const string Discovery = "0 0 0 1 1 *";
}
