using AmoHealth.Simulator.Faults;

namespace AmoHealth.Simulator.Webhooks;

/// <summary>Every delivery attempt of account webhooks and DP actions, for tests.</summary>
public sealed class DeliveryLog : BoundedLog<DeliveryLog.Entry>
{
    /// <param name="Kind"><c>webhook</c> or <c>dp</c>.</param>
    /// <param name="Status">The receiver's status; 0 for a timeout or a connection failure; -1 when a fault suppressed
    /// it.</param>
    public sealed record Entry(string Kind, string Destination, string Event, int Attempt, long SentAt, int Status);
}
