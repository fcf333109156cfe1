namespace AmoHealth.Simulator.Faults;

/// <summary>The parts of amoCRM a fault can target, as named by the control API.</summary>
public static class AmoEndpoint
{
    public const string Account = "account";
    public const string Leads = "leads";
    public const string Web = "web";
    public const string Webhooks = "webhooks";
    public const string Dp = "dp";
    public const string OAuth = "oauth";
    public const string All = "all";

    /// <summary>Requests that are not amoCRM's (control API, health, Mattermost).</summary>
    public const string None = "";

    public static IReadOnlyList<string> Targets { get; } = [Account, Leads, Web, Webhooks, Dp, OAuth, All];

    /// <summary>Which part of amoCRM an incoming request belongs to.</summary>
    public static string Of(PathString path)
    {
        if (path.StartsWithSegments("/__sim") || path.StartsWithSegments("/health") || path.StartsWithSegments("/alive")
            || path.StartsWithSegments("/hooks"))
        {
            return None;
        }

        if (path.StartsWithSegments("/api/v4/account"))
        {
            return Account;
        }

        if (path.StartsWithSegments("/api/v4/leads"))
        {
            return Leads;
        }

        if (path.StartsWithSegments("/api/v4/webhooks"))
        {
            return Webhooks;
        }

        if (path.StartsWithSegments("/oauth2"))
        {
            return OAuth;
        }

        // Any other /api/v4 path is still the API (404 from amoCRM); the rest is the web UI.
        return path.StartsWithSegments("/api") ? Leads : Web;
    }

    /// <summary>The API and OAuth are rate limited and blocked; the web UI is not.</summary>
    public static bool IsApi(string endpoint) => endpoint is Account or Leads or Webhooks or OAuth;
}
