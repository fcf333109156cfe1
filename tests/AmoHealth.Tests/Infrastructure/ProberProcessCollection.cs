namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// Test classes that host a whole Prober in this process run one at a time: each host creates the meter
/// <c>AmoHealth.Prober</c>, and OpenTelemetry's process-wide listener could report (or lose) another host's
/// instruments. In production each Prober is its own process.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProberProcessCollection
{
    public const string Name = "a Prober process in the test host";
}
