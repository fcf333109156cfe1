namespace AmoHealth.Core.Alerting.Channels;

/// <summary>The named extra channels, bound from <c>Alerts:Channels</c>.</summary>
public sealed class NamedChannelSettings
{
    public const string SectionName = "Alerts";

    public Dictionary<string, NamedChannelOptions> Channels { get; set; } = new(StringComparer.Ordinal);
}
