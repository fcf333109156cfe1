using AmoHealth.Core.Alerting.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The Api's alert channels as it wires them: Mattermost at the given URL, plus any others.</summary>
public static class ApiChannels
{
    public static Notifiers With(Uri mattermost, params INotifier[] others) => new(
        [new MattermostNotifier(new PlainHttpClients(),
            Options.Create(new MattermostOptions { Url = mattermost.ToString() })),
            .. others],
        [],
        NullLogger<Notifiers>.Instance);
}
