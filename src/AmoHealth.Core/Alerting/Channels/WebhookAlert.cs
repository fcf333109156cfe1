namespace AmoHealth.Core.Alerting.Channels;

/// <summary>
/// What the generic webhook receives for each alert (camelCase names; an alert without an incident has a null id).
/// </summary>
public sealed record WebhookAlert(
    string Account,
    string CheckType,
    string Kind,
    long? IncidentId,
    long CreatedAt,
    string Text);
