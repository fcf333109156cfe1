using AmoHealth.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmoHealth.Api.OnCall;

/// <summary>Who asks for an action, as the Gateway said (<see cref="ActorHeaders"/>; the Api answers only the Gateway:
/// the internal secret, or loopback without one), and where from: <c>dashboard</c> when the page sent
/// <see cref="SourceHeader"/>, else <c>api</c>. No role header is a viewer.</summary>
public sealed record Caller(string? UserHeader, Role Role, string Source)
{
    /// <summary>The dashboard sends <c>X-AmoHealth-Source: dashboard</c> with its actions; it only labels the
    /// timeline, it grants nothing.</summary>
    public const string SourceHeader = "X-AmoHealth-Source";

    public const string Dashboard = "dashboard";

    public const string Api = "api";

    public static Caller Of(HttpRequest request)
    {
        var user = request.Headers[ActorHeaders.User].ToString();
        var source = string.Equals(request.Headers[SourceHeader].ToString(), Dashboard,
            StringComparison.OrdinalIgnoreCase) ? Dashboard : Api;
        return new Caller(user.Length > 0 ? user : null, ActorHeaders.RoleOf(request.Headers[ActorHeaders.Role]),
            source);
    }

    /// <summary>The signed-in user's name (unescaped), for logs.</summary>
    public string? Name => ActorHeaders.UserOf(UserHeader);

    /// <summary>Null when the caller's role allows <paramref name="needed"/>; else 403 problem+json naming
    /// it.</summary>
    public ProblemHttpResult? Needs(Role needed, string action) => Role.Allows(needed)
        ? null
        : TypedResults.Problem(
            title: "Forbidden",
            detail: $"{action} needs the {needed.ToName()} role; you are {Role.ToName()}.",
            statusCode: StatusCodes.Status403Forbidden,
            extensions: new Dictionary<string, object?> { ["role"] = needed.ToName() });
}
