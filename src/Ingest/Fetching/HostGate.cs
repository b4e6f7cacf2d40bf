using System.Collections.Concurrent;

namespace Ingest.Fetching;

/// <summary>
/// Politeness within one process: one request at a time per host, and a minimum gap between requests that a
/// robots.txt Crawl-delay or a Retry-After can lengthen. Across instances, see docs/fetching.md.
/// </summary>
public sealed class HostGate(TimeProvider time)
{
    private readonly TimeProvider _time = time;
    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for the host's turn; dispose the result when the request is done.</summary>
    public async Task<IDisposable> EnterAsync(string host, TimeSpan minimumGap, CancellationToken cancellationToken)
    {
        var state = _hosts.GetOrAdd(host, _ => new HostState());
        await state.Lock.WaitAsync(cancellationToken);
        try
        {
            var wait = state.NextAllowed - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
        }
        catch
        {
            state.Lock.Release();
            throw;
        }

        return new Turn(this, state, minimumGap);
    }

    /// <summary>No request to <paramref name="host"/> before <paramref name="until"/> (a Retry-After).</summary>
    public void HoldUntil(string host, DateTimeOffset until)
    {
        var state = _hosts.GetOrAdd(host, _ => new HostState());
        lock (state)
        {
            state.HeldUntil = state.HeldUntil > until ? state.HeldUntil : until;
        }
    }

    private sealed class HostState
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public DateTimeOffset NextAllowed { get; set; }

        public DateTimeOffset HeldUntil { get; set; }
    }

    private sealed class Turn(HostGate gate, HostState state, TimeSpan gap) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            lock (state)
            {
                var next = gate._time.GetUtcNow() + gap;
                state.NextAllowed = next > state.HeldUntil ? next : state.HeldUntil;
            }

            state.Lock.Release();
        }
    }
}
