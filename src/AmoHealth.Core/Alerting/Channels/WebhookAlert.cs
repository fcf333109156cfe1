namespace AmoHealth.Core.Alerting.Channels;

/// <summary>What the generic webhook receives per alert (camelCase; no incident: a null id).</summary>
public sealed record WebhookAlert(
    string Account,
    string CheckType,
    string Kind,
    long? IncidentId,
    long CreatedAt,
    string Text);
