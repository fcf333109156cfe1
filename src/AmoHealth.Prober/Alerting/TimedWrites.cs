using AmoHealth.Core.Storage;
using AmoHealth.Prober.Notifications;

namespace AmoHealth.Prober.Alerting;

/// <summary>The alerts and <c>probe_state</c> marks one round of <see cref="AlertTimers"/> found due, written together.</summary>
public sealed class TimedWrites
{
    private readonly List<(string Account, string CheckType, long? IncidentId, string Kind, string Text)> _alerts = [];
    private readonly List<(string Account, string Key, string Value)> _marks = [];

    public bool IsEmpty => _alerts.Count == 0 && _marks.Count == 0;

    public void Alert(string account, string checkType, long? incidentId, string kind, string text) =>
        _alerts.Add((account, checkType, incidentId, kind, text));

    public void Mark(string account, string key, string value) => _marks.Add((account, key, value));

    /// <summary>Adds the alerts to the outbox and stores the marks, in the session's transaction.</summary>
    public async Task WriteAsync(StoreSession session, Notifiers notifiers, long now, CancellationToken cancellationToken)
    {
        foreach (var alert in _alerts)
        {
            await Outbox.AddAsync(session, notifiers, alert.Account, alert.CheckType, alert.IncidentId, alert.Kind, alert.Text, now, cancellationToken);
        }

        foreach (var mark in _marks)
        {
            await StateMarks.SetAsync(session, mark.Account, mark.Key, mark.Value, cancellationToken);
        }
    }
}
