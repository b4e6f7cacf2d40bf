namespace Ingest.Messages;

/// <summary>One delivery of a queue message to a trigger: what the host's binding data says of it.</summary>
/// <param name="Queue">The queue it came from.</param>
/// <param name="MessageId">The queue's id of the message.</param>
/// <param name="Body">The message text, as the trigger decoded it.</param>
/// <param name="DequeueCount">How many times it has been delivered, this time included.</param>
/// <param name="PopReceipt">The receipt of this delivery's lease, when the host gives it.</param>
public sealed record QueueDelivery(string Queue, string MessageId, string Body, long DequeueCount, string? PopReceipt = null);
