using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace AmoHealth.Gateway.Extensions;

/// <summary>
/// Tells the backends who is signed in: <see cref="Name"/> carries the user's name (URL-escaped), so the Api can
/// hold its per-client limits per user rather than per address. A client's own copy is always removed first.
/// </summary>
public static class UserHeader
{
    public const string Name = "X-AmoHealth-User";

    public static void Forward(TransformBuilderContext builder) => builder.AddRequestTransform(context =>
    {
        context.ProxyRequest.Headers.Remove(Name);
        if (context.HttpContext.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } user })
        {
            context.ProxyRequest.Headers.TryAddWithoutValidation(Name, Uri.EscapeDataString(user));
        }

        return ValueTask.CompletedTask;
    });
}
