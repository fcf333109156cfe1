using AmoHealth.Gateway.Auth;
using AmoHealth.ServiceDefaults.Access;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace AmoHealth.Gateway.Extensions;

/// <summary>
/// Tells the backends who is asking: <see cref="ActorHeaders.User"/> (the name, URL-escaped; the Api also holds its
/// per-client limits by it) and <see cref="ActorHeaders.Role"/>, which decides what the Api lets them do. A client's
/// own copies of both are always removed first, so a request nobody signed in for carries neither (a viewer at the
/// backend). In mode None every request is <c>anonymous</c> with role admin. Public status pages carry neither
/// (<see cref="PublicPages.PublicForwarding"/>).
/// </summary>
public static class ActorForwarding
{
    public static void Forward(TransformBuilderContext builder)
    {
        if (PublicPages.PublicForwarding.Applies(builder))
        {
            PublicPages.PublicForwarding.Forward(builder);
            return;
        }

        builder.AddRequestTransform(Actor);
    }

    private static ValueTask Actor(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        headers.Remove(ActorHeaders.User);
        headers.Remove(ActorHeaders.Role);
        if (Principals.Actor(context.HttpContext.User) is var (user, role))
        {
            headers.TryAddWithoutValidation(ActorHeaders.User, Uri.EscapeDataString(user));
            headers.TryAddWithoutValidation(ActorHeaders.Role, role.ToName());
        }

        return ValueTask.CompletedTask;
    }
}
