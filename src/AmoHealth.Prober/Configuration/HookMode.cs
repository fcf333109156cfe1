namespace AmoHealth.Prober.Configuration;

/// <summary>How HOOK is checked (<c>Monitor:HookMode</c>).</summary>
public enum HookMode
{
    /// <summary>End-to-end when <c>PUBLIC_URL</c> is set, else the API.</summary>
    Auto,

    /// <summary>Times the delivery of a webhook our own write triggers.</summary>
    E2e,

    /// <summary>The seed's <c>GET /api/v4/webhooks</c>.</summary>
    Api,
}
