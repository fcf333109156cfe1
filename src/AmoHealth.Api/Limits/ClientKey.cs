using System.Net;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Limits;

/// <summary>Who a request counts against: the Gateway's signed-in user (<see cref="UserHeader"/>), else the client's
/// address from the Gateway's <c>X-Forwarded-For</c>. Both are believed only from the Gateway, which overwrites them: a
/// loopback peer, or any peer once <c>Internal:ProxySecret</c> is set (then only requests carrying it get here); any
/// other peer is counted by its own address.</summary>
public static class ClientKey
{
    /// <summary>The header the Gateway sets to the signed-in user's name (URL-escaped) and strips from
    /// clients.</summary>
    public const string UserHeader = "X-AmoHealth-User";

    public static string Of(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        var fromGateway = peer is not null && (IPAddress.IsLoopback(peer) || !string.IsNullOrEmpty(
            context.RequestServices.GetRequiredService<IOptions<InternalAccessOptions>>().Value.ProxySecret));
        if (peer is null || !fromGateway)
        {
            return "address:" + (peer?.ToString() ?? "unknown");
        }

        var user = context.Request.Headers[UserHeader].ToString();
        if (user.Length > 0)
        {
            return "user:" + user;
        }

        // The last hop is the one the Gateway wrote; earlier values came from further away.
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
        return "address:" + (IPAddress.TryParse(last, out var address) ? address.ToString() : peer.ToString());
    }
}
