using System.ComponentModel.DataAnnotations;

namespace Ingest.Pipeline;

/// <summary>Queue handling settings shared by both hosts. Must agree with <c>host.json</c> (a test checks it).</summary>
public sealed class QueueHandlingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingest:Queues";

    /// <summary>Attempts per message before the host moves it to the poison queue.</summary>
    [Range(1, 100, ErrorMessage = "Ingest:Queues:MaxDequeueCount must be between {1} and {2}.")]
    public int MaxDequeueCount { get; set; } = 5;
}
