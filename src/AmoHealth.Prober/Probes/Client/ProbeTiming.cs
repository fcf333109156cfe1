namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// Timestamps of one probe request, filled in by <see cref="TimedConnections"/> as the connection is made.
/// Travels with the request in <see cref="HttpRequestMessage.Options"/>.
/// </summary>
public sealed class ProbeTiming(TimeProvider time)
{
    public static readonly HttpRequestOptionsKey<ProbeTiming> Key = new("AmoHealth.ProbeTiming");

    public long Started { get; } = time.GetTimestamp();

    /// <summary>When the attempt started, Unix ms: the result's timestamp (after any wait for the request budget).</summary>
    public long StartedAtUnixMs { get; } = time.GetUtcNow().ToUnixTimeMilliseconds();

    public long? DnsDone { get; set; }

    public long? ConnectDone { get; set; }

    public long? TlsDone { get; set; }

    public long? HeadersReceived { get; set; }

    /// <summary>When the answer was read in full, or the attempt failed.</summary>
    public long? Finished { get; set; }

    /// <summary>The attempt's response time: from its start to the whole answer (or the failure).</summary>
    public int ElapsedMs => (int)Math.Round(time.GetElapsedTime(Started, Finished ?? time.GetTimestamp()).TotalMilliseconds);

    public TimeProvider Time => time;

    public Core.Checks.ProbePhases ToPhases() => new(
        Span(Started, DnsDone),
        Span(DnsDone, ConnectDone),
        Span(ConnectDone, TlsDone),
        Span(Started, HeadersReceived));

    private int? Span(long? from, long? to) =>
        from is { } a && to is { } b ? (int)Math.Round(time.GetElapsedTime(a, b).TotalMilliseconds) : null;
}
