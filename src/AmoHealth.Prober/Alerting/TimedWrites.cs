using AmoHealth.Core.Alerting;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Alerting;

/// <summary>The alerts and <c>probe_state</c> marks one round of <see cref="AlertTimers"/> found due.</summary>
public sealed class TimedWrites
{
    private readonly List<OutboxMessage> _alerts = [];
    private readonly List<(string Account, string Key, string Value)> _marks = [];

    public bool IsEmpty => _alerts.Count == 0 && _marks.Count == 0;

    public void Alert(OutboxMessage message) => _alerts.Add(message);

    public void Mark(string account, string key, string value) => _marks.Add((account, key, value));

    /// <summary>Adds the alerts to the outbox and stores the marks, in the session's transaction.</summary>
    public async Task WriteAsync(
        StoreSession session,
        AlertOutbox alerts,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var alert in _alerts)
        {
            await alerts.AddAsync(session, alert, now, cancellationToken);
        }

        foreach (var mark in _marks)
        {
            await StateMarks.SetAsync(session, mark.Account, mark.Key, mark.Value, cancellationToken);
        }
    }
}
