namespace AmoHealth.Core.Checks;

/// <summary>Where the time of one probe went, in milliseconds, measured on a fresh connection. Null where a phase did
/// not happen (no TLS over http, nothing after a DNS failure).</summary>
/// <param name="DnsMs">Resolving the host name.</param>
/// <param name="ConnectMs">The TCP handshake.</param>
/// <param name="TlsMs">The TLS handshake.</param>
/// <param name="TtfbMs">From sending the request to the first byte of the response headers.</param>
public sealed record ProbePhases(int? DnsMs, int? ConnectMs, int? TlsMs, int? TtfbMs)
{
    public static ProbePhases None { get; } = new(null, null, null, null);
}
