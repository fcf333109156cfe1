namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>What the "take it" buttons read from section <c>Alerts</c>.</summary>
public sealed class ButtonOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Signs the buttons (24 characters or more). Unset: a key derived from <c>Monitor:HookSecret</c>;
    /// neither: no buttons. A secret: never logged.</summary>
    public string? ActionSecret { get; set; }

    /// <summary><c>ru</c> (default) or <c>en</c>, as the alerts.</summary>
    public string Language { get; set; } = "ru";

    /// <summary>The team's zone (IANA id) for "since 03:12". Default <c>Europe/Moscow</c>.</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";

    /// <summary>The dashboard's address, used for the buttons when <c>PUBLIC_URL</c> is not set.</summary>
    public string? DashboardUrl { get; set; }
}
