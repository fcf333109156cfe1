namespace AmoHealth.Simulator.Faults;

/// <summary>One injected fault. Exactly one of <see cref="Status"/>, <see cref="LatencyMs"/> or <see cref="Mode"/> is
/// set.</summary>
/// <param name="Endpoint">One of <see cref="Faults.AmoEndpoint.Targets"/>.</param>
/// <param name="Status">Answer with this HTTP status and amoCRM's body for it.</param>
/// <param name="LatencyMs">Answer normally, this much later.</param>
/// <param name="Mode"><c>timeout</c> (never answer), <c>reset</c> (drop the connection), <c>throttle</c> (429),
/// <c>block</c> (sticky 403).</param>
/// <param name="Format">For 429: <c>json</c> (with <c>retry_after</c>) or <c>html</c> (amoCRM's gateway page).</param>
/// <param name="Count">Only the next N matching requests; null for all until cleared.</param>
public sealed record Fault(string Endpoint, int? Status, int? LatencyMs, string? Mode, string? Format, int? Count)
{
    public const string Timeout = "timeout";
    public const string Reset = "reset";
    public const string Throttle = "throttle";
    public const string Block = "block";

    public static IReadOnlyList<string> Modes { get; } = [Timeout, Reset, Throttle, Block];

    public bool Matches(string endpoint) => Endpoint == endpoint
        || (Endpoint == Faults.AmoEndpoint.All && endpoint != Faults.AmoEndpoint.None);
}
