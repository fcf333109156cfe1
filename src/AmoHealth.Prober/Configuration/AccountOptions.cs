namespace AmoHealth.Prober.Configuration;

/// <summary>One more account (<c>Monitor:Accounts:N</c>). Unset values come from <c>Monitor</c>.</summary>
public sealed class AccountOptions
{
    /// <summary>Unique name of the account in results, alerts and the dashboard. Required.</summary>
    public string? Name { get; set; }

    /// <summary>Bare domain or URL, as <c>AMOCRM_DOMAIN</c>. Required.</summary>
    public string? Domain { get; set; }

    /// <summary>Long-lived token; or configure <see cref="OAuth"/>.</summary>
    public string? AccessToken { get; set; }

    public OAuthOptions? OAuth { get; set; }

    public string? GetPath { get; set; }

    public long? TestLeadId { get; set; }

    public PostMode? PostMode { get; set; }

    public HookMode? HookMode { get; set; }

    public DpMode? DpMode { get; set; }

    public string? DpUrl { get; set; }

    public long? DpStageId { get; set; }

    public long? DpReturnStageId { get; set; }

    /// <summary>Per check, degraded thresholds in ms; merged over <c>Monitor:DegradedMs</c>.</summary>
    public Dictionary<string, int> DegradedMs { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
