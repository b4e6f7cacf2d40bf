using System.Net;

namespace Ingest.Fetching;

/// <summary>Resolves host names for the fetcher's connect callback; a seam so tests can make a name resolve to a private address.</summary>
public interface IHostAddressResolver
{
    /// <summary>The addresses of <paramref name="host"/>.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver.</summary>
public sealed class DnsHostAddressResolver : IHostAddressResolver
{
    /// <inheritdoc />
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
