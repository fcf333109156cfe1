namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>A delivery as it travels between Probers over Redis, with the Prober it came from.</summary>
public sealed record RelayedDelivery(string Origin, string Kind, string? Account, Dictionary<string, string> Form, long ReceivedAt);
