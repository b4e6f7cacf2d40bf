namespace Ingest.Messages;

/// <summary>Asks for one article page to be fetched, parsed and stored. Sent to <see cref="QueueNames.IngestRequests"/>.</summary>
/// <param name="Url">Absolute http(s) URL of the article page.</param>
/// <param name="Source">Name of the configured source the URL belongs to.</param>
/// <param name="DiscoveredAt">When discovery (or an operator) asked for it.</param>
/// <param name="Run">The discovery run that asked for it, so its outcome is counted in that run; null when an operator did.</param>
public sealed record IngestRequest(string Url, string Source, DateTimeOffset? DiscoveredAt = null, string? Run = null);
