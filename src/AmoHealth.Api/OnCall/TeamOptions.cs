namespace AmoHealth.Api.OnCall;

/// <summary>What the Api reads of the Prober's <c>Alerts</c> section (keep them in the environment both services
/// read, e.g. <c>common.env</c>).</summary>
public sealed class TeamOptions
{
    public const string SectionName = "Alerts";

    public const string DefaultTimeZone = "Europe/Moscow";

    /// <summary><c>Alerts:TimeZone</c>: the team's IANA zone, for <c>/api/info</c> and weekly maintenance windows.
    /// Default <c>Europe/Moscow</c>; an unknown id stops the start.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary><c>Alerts:Maintenance</c>: the windows planned in the configuration (listed with source
    /// <c>config</c>).</summary>
    public List<ConfiguredWindow> Maintenance { get; set; } = [];
}
