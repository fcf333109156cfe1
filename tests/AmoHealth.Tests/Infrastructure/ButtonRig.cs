using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.OnCall;
using AmoHealth.Prober.OnCall.Buttons;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The Prober's button hooks on a real loopback port (Mattermost and Telegram post there), over a real store,
/// with <see cref="AcknowledgingCommands"/> as the command applier, and the <see cref="AckButtons"/> that point at it.
/// </summary>
public sealed class ButtonRig : IAsyncDisposable
{
    public const string Secret = "a-test-action-secret-of-32-chars";

    private readonly LoopbackServer _server;

    private ButtonRig(LoopbackServer server, AcknowledgingCommands commands, AckButtons buttons, ActionSigner signer)
    {
        _server = server;
        Commands = commands;
        Buttons = buttons;
        Signer = signer;
    }

    public Uri BaseUri => _server.BaseUri;

    public AcknowledgingCommands Commands { get; }

    public AckButtons Buttons { get; }

    public ActionSigner Signer { get; }

    public static async Task<ButtonRig> StartAsync(
        StoreConnections connections, TimeProvider time, TelegramOptions? telegram = null)
    {
        var commands = new AcknowledgingCommands(connections, time);
        var options = Options.Create(new ButtonOptions { ActionSecret = Secret });
        var server = await LoopbackServer.StartAsync(services =>
        {
            services.AddSingleton(connections);
            services.AddSingleton(time);
            services.AddSingleton<IOnCallCommands>(commands);
            services.AddSingleton(options);
            services.AddSingleton(Options.Create(new MonitorOptions()));
            services.AddSingleton(Options.Create(telegram ?? new TelegramOptions()));
            services.AddHttpClient();
            services.AddSingleton<ActionSigner>();
            services.AddSingleton<Acknowledgements>();
            services.AddSingleton<TelegramBot>();
        }, app => app.MapButtonHooks());
        var monitor = Options.Create(new MonitorOptions { PublicUrl = server.BaseUri.ToString() });
        var signer = new ActionSigner(options, monitor);
        var buttons = new AckButtons(signer, options, monitor, time, NullLogger<AckButtons>.Instance);
        return new ButtonRig(server, commands, buttons, signer);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
