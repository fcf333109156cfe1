using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// Whose <c>X-Forwarded-For</c>/<c>-Proto</c> the Gateway believes: loopback (Nginx on the same host) and the
/// configured <see cref="AuthOptions.KnownProxies"/> and <see cref="AuthOptions.KnownNetworks"/>, and only the
/// last hop, so a client cannot choose the address it is rate-limited by.
/// </summary>
public static class TrustedProxies
{
    public static void Configure(ForwardedHeadersOptions options, AuthOptions auth)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Add(IPAddress.Loopback);
        options.KnownProxies.Add(IPAddress.IPv6Loopback);
        foreach (var proxy in auth.KnownProxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
        }

        foreach (var network in auth.KnownNetworks)
        {
            if (System.Net.IPNetwork.TryParse(network, out var parsed))
            {
                options.KnownIPNetworks.Add(parsed);
            }
        }
    }

    /// <summary>True for a peer whose forwarded headers (and, in proxy mode, user header) are believed.</summary>
    public static bool IsTrusted(IPAddress? peer, AuthOptions auth)
    {
        if (peer is null)
        {
            return false;
        }

        if (peer.IsIPv4MappedToIPv6)
        {
            peer = peer.MapToIPv4();
        }

        return IPAddress.IsLoopback(peer)
            || auth.KnownProxies.Any(p => IPAddress.TryParse(p, out var known) && known.Equals(peer))
            || auth.KnownNetworks.Any(n => System.Net.IPNetwork.TryParse(n, out var network) && network.Contains(peer));
    }
}
