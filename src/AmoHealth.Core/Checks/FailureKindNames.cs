namespace AmoHealth.Core.Checks;

/// <summary>Wire and storage names of <see cref="FailureKind"/>, and which kinds are AmoHealth's own.</summary>
public static class FailureKindNames
{
    private static readonly Dictionary<FailureKind, string> Names = new()
    {
        [FailureKind.None] = "none",
        [FailureKind.Slow] = "slow",
        [FailureKind.Timeout] = "timeout",
        [FailureKind.Dns] = "dns",
        [FailureKind.Connect] = "connect",
        [FailureKind.Tls] = "tls",
        [FailureKind.Protocol] = "protocol",
        [FailureKind.HttpStatus] = "http_status",
        [FailureKind.WrongAnswer] = "wrong_answer",
        [FailureKind.NoDelivery] = "no_delivery",
        [FailureKind.TokenRejected] = "token_rejected",
        [FailureKind.TokenUnavailable] = "token_unavailable",
        [FailureKind.Throttled] = "throttled",
        [FailureKind.Blocked] = "blocked",
        [FailureKind.Billing] = "billing",
        [FailureKind.Offline] = "offline",
        [FailureKind.ReceiverUnreachable] = "receiver_unreachable",
        [FailureKind.Configuration] = "configuration",
        [FailureKind.MonitorError] = "monitor_error",
    };

    private static readonly Dictionary<string, FailureKind> ByName =
        Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every name, in declaration order: the OpenAPI enum and the page's translation table use it.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string ToName(this FailureKind kind) => Names[kind];

    /// <summary>
    /// A stored or received name; null, empty or unknown (a row older than the column, a newer version's kind)
    /// reads as <paramref name="fallback"/>.
    /// </summary>
    public static FailureKind Parse(string? name, FailureKind fallback = FailureKind.None) =>
        name is not null && ByName.TryGetValue(name, out var kind) ? kind : fallback;

    /// <summary>The failure is AmoHealth's own: it is stored and shown, but never opens or closes an amoCRM incident
    /// and never counts against amoCRM's uptime.</summary>
    public static bool IsOwnFault(this FailureKind kind) =>
        kind is FailureKind.Offline or FailureKind.ReceiverUnreachable or FailureKind.Configuration
            or FailureKind.MonitorError;

    /// <summary>Nothing answered: the kinds a self-check can show to be AmoHealth's own network outage.</summary>
    public static bool IsNetwork(this FailureKind kind) =>
        kind is FailureKind.Timeout or FailureKind.Dns or FailureKind.Connect or FailureKind.Tls
            or FailureKind.Protocol;

    /// <summary>The kind a result of <paramref name="outcome"/> has when the probe named none.</summary>
    public static FailureKind Default(Outcome outcome) => outcome switch
    {
        Outcome.Up => FailureKind.None,
        Outcome.Degraded => FailureKind.Slow,
        Outcome.AuthFailed => FailureKind.TokenRejected,
        Outcome.Throttled => FailureKind.Throttled,
        Outcome.Blocked => FailureKind.Blocked,
        Outcome.Billing => FailureKind.Billing,
        _ => FailureKind.HttpStatus,
    };
}
