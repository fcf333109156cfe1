using System.Globalization;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Alerting;

/// <summary>What <see cref="AlertTimers"/> reads besides <c>probe_state</c>, as plain commands.</summary>
public static class TimedReads
{
    /// <summary>Every open incident (who took it, escalations sent) with the time (Unix ms) of its newest down alert or
    /// reminder, or null.</summary>
    public static async Task<List<(IncidentRecord Incident, long? LastAlert)>> OpenIncidentsAsync(StoreSession session,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(
                "SELECT i.id, i.account, i.check_type, i.kind, i.start_time, i.acknowledged_by, i.escalation_step, "
                + "(SELECT MAX(n.created_at) FROM notifications n WHERE n.incident_id = i.id AND (n.kind = @down OR "
                    + "n.kind = @reminder)) "
                + "FROM incidents i WHERE i.end_time IS NULL ORDER BY i.id")
            .With("@down", NotificationKinds.Down).With("@reminder", NotificationKinds.Reminder);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var open = new List<(IncidentRecord, long?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var incident = new IncidentRecord
            {
                Id = reader.GetInt64(0),
                Account = reader.GetString(1),
                CheckType = reader.GetString(2),
                Kind = OutcomeNames.Parse(reader.GetString(3)),
                StartTime = reader.GetInt64(4),
                AcknowledgedBy = reader.GetNullableString(5),
                EscalationStep = Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture),
            };
            open.Add((incident, reader.GetNullableInt64(7)));
        }

        return open;
    }

    /// <summary>How many incidents each account's check opened since <paramref name="since"/> (Unix ms).</summary>
    public static async Task<Dictionary<(string Account, string CheckType), int>> IncidentCountsAsync(
        StoreSession session, long since, CancellationToken cancellationToken)
    {
        await using var command = session.Command(
                "SELECT account, check_type, COUNT(*) FROM incidents WHERE start_time >= @since GROUP BY account, "
                    + "check_type")
            .With("@since", since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<(string, string), int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(reader.GetString(0), reader.GetString(1))] = (int)reader.GetInt64(2);
        }

        return counts;
    }
}
