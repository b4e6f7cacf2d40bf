using System.Net;
using System.Net.Sockets;

namespace Ingest.Fetching;

/// <summary>
/// Decides which IP addresses a fetch may connect to, checked at connect time on the resolved address so that a DNS
/// name pointing at a private address (or rebinding to one) is refused like a literal one.
/// </summary>
public static class AddressGuard
{
    /// <summary>
    /// The connect callback of the fetch pipeline: resolves the host and connects only to addresses the rules allow,
    /// so the check applies to the address actually used (a DNS name pointing at, or rebinding to, a private address
    /// is refused like a literal one).
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, IHostAddressResolver resolver, FetchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(options);
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(a => IsPublic(a) || (IsLoopback(a) && options.AllowedLoopbackPorts.Contains(port))).ToArray();
        if (allowed.Length == 0)
        {
            throw new AddressRefusedException(host, addresses.Length == 0
                ? "the name resolves to no address"
                : $"it resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}: loopback, private, link-local or reserved addresses are not fetched (loopback only on ports listed in Ingest:Fetching:AllowedLoopbackPorts)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The refusal by the address rules that <paramref name="exception"/> is or wraps, if any.</summary>
    public static AddressRefusedException? FindRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is AddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>True when the address is on the public internet: not loopback, private, link-local, CGNAT, multicast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0                                  // "this" network
                || b[0] == 10                                   // private
                || b[0] == 127                                  // loopback
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)   // CGNAT
                || (b[0] == 169 && b[1] == 254)                 // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)    // private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // IETF protocol assignments
                || (b[0] == 192 && b[1] == 0 && b[2] == 2)      // TEST-NET-1
                || (b[0] == 192 && b[1] == 168)                 // private
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))  // benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)   // TEST-NET-2
                || (b[0] == 203 && b[1] == 0 && b[2] == 113)    // TEST-NET-3
                || b[0] >= 224);                                // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            {
                return false;
            }

            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            var isNat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b;
            var isDocumentation = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8;
            return !isNat64 && !isDocumentation;
        }

        return false;
    }

    private static bool IsLoopback(IPAddress address) => IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}

/// <summary>Thrown from the connect callback when every address of a host is refused.</summary>
public sealed class AddressRefusedException(string host, string reason) : Exception($"Refused to connect to '{host}': {reason}")
{
    /// <summary>The host that was refused.</summary>
    public string Host { get; } = host;
}
