using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>A generic JSON webhook: the alert's fields and text, for scripts and other chat tools.</summary>
public sealed class WebhookNotifier(
    IHttpClientFactory httpClients, IOptions<WebhookOptions> options, string name = "webhook") : INotifier
{
    /// <summary><c>webhook</c>, or the name of an extra channel (<c>Alerts:Channels:&lt;name&gt;</c>).</summary>
    public string Name => name;

    public string? Problem => string.IsNullOrWhiteSpace(options.Value.Url)
        ? "no Notifications:Webhook:Url"
        : Uri.TryCreate(options.Value.Url, UriKind.Absolute, out _) ? null : "Notifications:Webhook:Url is not a URL";

    public Task<string?> SendAsync(NotificationRecord alert, CancellationToken cancellationToken) =>
        NotifierHttp.PostJsonAsync(httpClients, "The webhook", options.Value.Url!,
            new WebhookAlert(alert.Account, alert.CheckType, alert.Kind, alert.IncidentId, alert.CreatedAt, alert.Text),
            NotifierJsonContext.Default.WebhookAlert, cancellationToken);
}
