using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Posts to a Mattermost incoming webhook (<c>MATTERMOST_WEBHOOK_URL</c>). Accepted is 200; anything else is
/// retried by the outbox dispatcher, never here.</summary>
public sealed class MattermostNotifier(
    IHttpClientFactory httpClients, IOptions<MattermostOptions> options, string name = "mattermost") : IButtonNotifier
{
    /// <summary><c>mattermost</c>, or the name of an extra channel (<c>Alerts:Channels:&lt;name&gt;</c>).</summary>
    public string Name => name;

    public string? Problem => options.Value.Url switch
    {
        null or "" => "no URL (MATTERMOST_WEBHOOK_URL)",
        var url when !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") =>
            "the URL is not an http(s) URL",
        _ => null,
    };

    public Task<string?> SendAsync(NotificationRecord alert, CancellationToken cancellationToken) =>
        NotifierHttp.PostJsonAsync(httpClients, "Mattermost", options.Value.Url!, new MattermostMessage(alert.Text),
            NotifierJsonContext.Default.MattermostMessage, cancellationToken);

    /// <summary>The same text; the button goes in an attachment under it (an incoming webhook may carry one).</summary>
    public Task<string?> SendAsync(NotificationRecord alert, AckButton? button, CancellationToken cancellationToken) =>
        button?.IntegrationUrl is not { } url
            ? SendAsync(alert, cancellationToken)
            : NotifierHttp.PostJsonAsync(httpClients, "Mattermost", options.Value.Url!,
                new MattermostButtonMessage(alert.Text,
                [
                    new MattermostAttachment(string.Empty,
                        [new MattermostAction("ack", button.Label, new MattermostIntegration(url, button.Context))]),
                ]),
                NotifierJsonContext.Default.MattermostButtonMessage, cancellationToken);
}
