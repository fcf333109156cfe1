namespace AmoHealth.Core.Storage;

/// <summary>One alert channel as the Prober records it (<see cref="ProbeStateKeys.Channel"/>) and <c>/api/info</c>
/// shows it: <c>ok</c>, <c>failing</c> (since when, last error) or <c>misconfigured</c> (why).</summary>
public sealed record ChannelState(string Name, string State, long? Since, string? Error)
{
    /// <summary>Every <see cref="State"/> (the OpenAPI document's enum).</summary>
    public static IReadOnlyList<string> States { get; } = ["ok", "failing", "misconfigured"];
}
