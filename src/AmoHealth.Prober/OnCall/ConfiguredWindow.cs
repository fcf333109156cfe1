namespace AmoHealth.Prober.OnCall;

/// <summary>A maintenance window from the files (<c>Alerts:Maintenance:N</c>), read here as the alerting stage reads
/// it: an account (null for all) from <see cref="Start"/> to <see cref="End"/>.</summary>
public sealed class ConfiguredWindow
{
    public const string SectionName = "Alerts:Maintenance";

    public string? Account { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public static IReadOnlyList<ConfiguredWindow> From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<List<ConfiguredWindow>>() ?? [];
}
