using AmoHealth.Core.Alerting;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>The Prober's entry to the alerting module: evaluation and the watches raise events here; each becomes one
/// message in the configured language, stored in the outbox once per usable channel in the caller's transaction, so an
/// alert is never lost or invented whatever happens to the change it announces.</summary>
public sealed class AlertOutbox(
    Notifiers notifiers, IOptions<AlertOptions> alerts, IOptions<MonitorOptions> monitor)
{
    /// <summary>The message of an event in the team's language, its moments in the team's zone.</summary>
    public OutboxMessage Compose(AlertEvent alert) => AlertMessages.For(alert,
        AlertLanguages.For(alerts.Value.Language), alerts.Value.DashboardUrl ?? monitor.Value.PublicUrl,
        alerts.Value.Zone());

    public async Task RaiseAsync(
        StoreSession session, AlertEvent alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The ✅ says who handled the incident, whoever read the record it closes.
        if (alert is IncidentClosed { Incident: { AcknowledgedBy: null, Id: > 0 } incident })
        {
            await using var command = session.Command("SELECT acknowledged_by FROM incidents WHERE id = @id")
                .With("@id", incident.Id);
            incident.AcknowledgedBy = await command.ExecuteScalarAsync(cancellationToken) as string;
        }

        await Outbox.AddAsync(session, Channels, Compose(alert), now, cancellationToken);
    }

    /// <summary>Adds messages composed earlier (a timed round reads first and writes at the end).</summary>
    public Task AddAsync(
        StoreSession session, OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken) =>
        Outbox.AddAsync(session, Channels, message, now, cancellationToken);

    /// <summary>The usual channels (not the named ones that only escalations reach).</summary>
    public IReadOnlyList<string> Channels => [.. notifiers.Enabled.Select(n => n.Name)];
}
