namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Which channels the configuration mentions, so that a half-configured one is warned about.</summary>
public sealed record NotifierSection(string Name, string Section);
