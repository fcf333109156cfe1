namespace AmoHealth.Simulator.Faults;

/// <summary>The most recent requests to the fake amoCRM and Mattermost, so tests can count them.</summary>
public sealed class RequestLog : BoundedLog<RequestLog.Entry>
{
    /// <param name="Time">When the request arrived, Unix milliseconds.</param>
    /// <param name="Status">The status sent, or 0 when the connection was dropped or never answered.</param>
    public sealed record Entry(string Method, string Path, string Endpoint, long Time, int Status);
}
