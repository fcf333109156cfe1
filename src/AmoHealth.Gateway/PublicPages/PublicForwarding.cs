using AmoHealth.Gateway.Auth;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace AmoHealth.Gateway.PublicPages;

/// <summary>
/// What a public page's request carries to the Api: nothing that says who asks. Neither the Gateway's user and role
/// headers (not even in mode None, where everyone is an anonymous admin) nor a proxy's user, role or groups nor
/// credentials; the Api answers everyone alike. The internal secret is still added (<see
/// cref="Extensions.BackendAccess"/>). No Accept-Encoding either: a kept copy is always plain, for any client.
/// </summary>
public static class PublicForwarding
{
    public static bool Applies(TransformBuilderContext builder) =>
        string.Equals(builder.Route.RouteId, LastGoodAnswers.RouteId, StringComparison.Ordinal);

    public static void Forward(TransformBuilderContext builder)
    {
        var auth = builder.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        string[] removed =
        [
            ActorHeaders.User, ActorHeaders.Role, "Authorization", "Accept-Encoding", auth.ProxyHeader,
            .. new[] { auth.ProxyRoleHeader, auth.ProxyGroupsHeader }.OfType<string>().Where(h => h.Length > 0),
        ];
        foreach (var header in removed.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            builder.AddRequestHeaderRemove(header);
        }
    }
}
