namespace AmoHealth.Prober.Probes.Client;

/// <summary>No complete answer within the probe timeout.</summary>
public sealed class ProbeTimeoutException(TimeSpan timeout) : Exception($"Timeout: no answer within {(int)timeout.TotalMilliseconds} ms")
{
    public TimeSpan Timeout => timeout;
}
