using AmoHealth.Core.Alerting;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Alerting;

/// <summary>The alerts and <c>probe_state</c> marks one round of <see cref="AlertTimers"/> found due, with the
/// reminders and escalations of open incidents and their timeline entries.</summary>
public sealed class TimedWrites
{
    private const string StillUntaken =
        "SELECT COUNT(*) FROM incidents WHERE id = @id AND end_time IS NULL AND acknowledged_by IS NULL";

    /// <summary>Conditional: an incident closed or taken since it was read, or escalated by another round, is left.
    /// </summary>
    private const string Escalation =
        "UPDATE incidents SET escalation_step = @step, escalated_at = @now WHERE id = @id AND end_time IS NULL "
        + "AND acknowledged_by IS NULL AND escalation_step < @step";

    private readonly List<OutboxMessage> _alerts = [];
    private readonly List<(string Account, string Key, string Value)> _marks = [];
    private readonly List<(OutboxMessage Message, long IncidentId)> _reminders = [];
    private readonly List<(OutboxMessage Message, IReadOnlyList<string> Channels, long IncidentId, int Step,
        int Steps)> _escalations = [];

    public bool IsEmpty => _alerts.Count == 0 && _marks.Count == 0 && _reminders.Count == 0 && _escalations.Count == 0;

    public void Alert(OutboxMessage message) => _alerts.Add(message);

    public void Mark(string account, string key, string value) => _marks.Add((account, key, value));

    /// <summary>A reminder of an open incident, to the usual channels, with its timeline entry.</summary>
    public void Remind(OutboxMessage message, long incidentId) => _reminders.Add((message, incidentId));

    /// <summary>Escalation <paramref name="step"/> of an incident, to the policy's <paramref name="channels"/> only.
    /// </summary>
    public void Escalate(OutboxMessage message, IReadOnlyList<string> channels, long incidentId, int step, int steps) =>
        _escalations.Add((message, channels, incidentId, step, steps));

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

        foreach (var (message, id) in _reminders)
        {
            await using var untaken = session.Command(StillUntaken).With("@id", id);
            if (await untaken.ScalarInt64Async(cancellationToken) is > 0)
            {
                await alerts.AddAsync(session, message, now, cancellationToken);
                await IncidentTimeline.AddAsync(session, id, TimelineKind.Reminder, now, null, null, cancellationToken);
            }
        }

        foreach (var (message, channels, id, step, steps) in _escalations)
        {
            await using var update = session.Command(Escalation)
                .With("@step", step).With("@now", now.ToUnixTimeMilliseconds()).With("@id", id);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                await Outbox.AddAsync(session, channels, message, now, cancellationToken);
                await IncidentTimeline.AddAsync(session, id, TimelineKind.Escalated, now, null,
                    $"{step}/{steps}: {string.Join(", ", channels)}", cancellationToken);
            }
        }

        foreach (var mark in _marks)
        {
            await StateMarks.SetAsync(session, mark.Account, mark.Key, mark.Value, cancellationToken);
        }
    }
}
