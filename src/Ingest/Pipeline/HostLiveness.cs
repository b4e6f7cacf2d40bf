using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Ingest.Storage;

namespace Ingest.Pipeline;

/// <summary>
/// How hosts tell each other they are alive (<c>Ingest:Liveness</c>). The queue extension leases every message for
/// 10 minutes and renews the lease while the handler runs; a host that dies leaves its messages invisible until then.
/// Each host therefore beats every <see cref="BeatInterval"/>, and a survivor hands a stopped host's messages back to
/// the queue once it knows the host stopped: at once when the host ran on the same machine and its process is gone,
/// else when it has not beaten for <see cref="StaleAfter"/>.
/// </summary>
public sealed class LivenessOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingest:Liveness";

    /// <summary>How often a host writes its beat.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00", ErrorMessage = Section + ":BeatInterval must be between {1} and {2}.")]
    public TimeSpan BeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A host whose last beat is older than this has stopped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = Section + ":StaleAfter must be between {1} and {2}.")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a host looks for work held by stopped hosts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:30:00", ErrorMessage = Section + ":SweepInterval must be between {1} and {2}.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A claim older than this is over whatever its host: the queue extension's lease (10 minutes) has run out and
    /// the message is back on the queue, or was handled.
    /// </summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StaleAfter < BeatInterval * 3)
        {
            yield return new ValidationResult($"{Section}:StaleAfter ({StaleAfter}) must be at least three times {Section}:BeatInterval ({BeatInterval}), or a slow beat would look like a stopped host.");
        }
    }
}

/// <summary>This process as a host: its id is unique per process run.</summary>
public sealed class HostIdentity
{
    /// <summary>This process.</summary>
    public HostIdentity()
    {
        using var process = Process.GetCurrentProcess();
        // The machine name, and in Azure the instance id: a process id is only checked on the machine (and process
        // namespace) that wrote it, and two containers could share a host name but not an instance.
        Machine = Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID") is { Length: > 0 } instance
            ? $"{Environment.MachineName}/{instance[..Math.Min(16, instance.Length)]}"
            : Environment.MachineName;
        ProcessId = Environment.ProcessId;
        ProcessStarted = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        HostId = $"{Environment.MachineName}-{ProcessId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3))}".ToLowerInvariant();
    }

    /// <summary>The host's id in beats and claims.</summary>
    public string HostId { get; }

    /// <summary>The machine.</summary>
    public string Machine { get; }

    /// <summary>The process id.</summary>
    public int ProcessId { get; }

    /// <summary>When the process started.</summary>
    public DateTimeOffset ProcessStarted { get; }

    /// <summary>This host's beat at <paramref name="now"/>, with the messages it holds.</summary>
    public HostBeat Beat(DateTimeOffset now, IReadOnlyList<LeasedMessage>? inHand = null) => new(HostId, Machine, ProcessId, ProcessStarted, now, inHand);

    /// <summary>
    /// Whether the process of a beat written on this machine is gone: its id names no process, or a process started
    /// at another time (the id was reused).
    /// </summary>
    public bool IsGoneFromThisMachine(HostBeat beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        if (!string.Equals(beat.Machine, Machine, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(beat.ProcessId);
            var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
            return process.HasExited || (started - beat.ProcessStarted).Duration() > TimeSpan.FromSeconds(1);
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}

/// <summary>Whether a host is running, judged from its beat.</summary>
/// <param name="Running">True when it beats (or may: it started too recently to tell).</param>
/// <param name="Description">What is known of it, for logs: "alive, last beat 2 s ago", "process 1234 is not running".</param>
public sealed record HolderState(bool Running, string Description);
