using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Prober.Probes.Hooks;
using AmoHealth.Simulator.Amo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// The Prober's probing parts wired to real neighbours: the Simulator, a migrated SQLite file and the
/// Prober's own webhook receiver on loopback (what <c>PUBLIC_URL</c> points at in production).
/// </summary>
public sealed class ProberRig : IAsyncDisposable
{
    public const string Secret = "rigsecret0123456789abcdef";

    public static readonly string EncryptionKey =
        Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private ProberRig(
        SimulatorHost simulator, TempDatabase database, LoopbackServer receiver, MonitorOptions options,
        DeliveryWaiters waiters)
    {
        Simulator = simulator;
        Database = database;
        Receiver = receiver;
        Options = options;
        Waiters = waiters;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var connections = ((ITestStore)database).CreateConnections();
        State = new ProbeStateStore(connections);
        Client = ProbeClients.Create(options, state: State, connections: connections);
        Leads = TestLeadsFactory.Create(Client, database, options);
        var endToEnd = new EndToEnd(Client, waiters, wrapped, TimeProvider.System, new PlainHttpClients());
        Get = new GetProbe(Client);
        Post = new PostProbe(Client, Leads, TimeProvider.System);
        Web = new WebProbe(Client);
        Hook = new HookProbe(Client, Leads, endToEnd, wrapped);
        Dp = new DpProbe(
            Client, Leads, endToEnd, waiters, State, wrapped, TimeProvider.System, NullLogger<DpProbe>.Instance);
        Account = new AmoAccount("rig", simulator.BaseUri, SimulatorHost.Token, AccountSettings.Resolve(options));
        Control = simulator.CreateAmoClient();
    }

    public SimulatorHost Simulator { get; }

    public TempDatabase Database { get; }

    public LoopbackServer Receiver { get; }

    public MonitorOptions Options { get; }

    public DeliveryWaiters Waiters { get; }

    public ProbeClient Client { get; }

    public ProbeStateStore State { get; }

    public TestLeads Leads { get; }

    public IProbe Get { get; }

    public IProbe Post { get; }

    public IProbe Web { get; }

    public IProbe Hook { get; }

    public IProbe Dp { get; }

    public IProbe[] All => [Get, Post, Web, Hook, Dp];

    public AmoAccount Account { get; }

    /// <summary>A client of the simulator's control API (and its amoCRM API, with the test token).</summary>
    public HttpClient Control { get; }

    /// <summary>
    /// Starts the rig; the simulator's DP action points at the receiver unless <paramref name="withDpAction"/> is
    /// false.
    /// </summary>
    public static async Task<ProberRig> StartAsync(
        Action<MonitorOptions>? configure = null, bool withDpAction = true, SimulatorHost? simulator = null)
    {
        var options = new MonitorOptions
        {
            TimeoutMs = 5_000,
            CheckIntervalMs = 30_000,
            MaxRequestsPerSecond = 5,
            HookSecret = Secret,
            DpStageId = AccountState.SecondStageId,
            DpReturnStageId = AccountState.FirstStageId,
            DeliveryDeadlineMs = 5_000,
            OAuth = { EncryptionKey = EncryptionKey },
        };
        configure?.Invoke(options);
        var waiters = new DeliveryWaiters(NullLogger<DeliveryWaiters>.Instance);
        var receiver = await LoopbackServer.StartAsync(
            services =>
            {
                services.AddSingleton(waiters);
                services.AddSingleton<Prober.Probes.Hooks.IDeliveryRelay, Prober.Probes.Hooks.LocalDeliveryRelay>();
                services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
                services.AddSingleton(TimeProvider.System);
                services.AddLogging(logging => logging.ClearProviders());
            },
            app => app.MapHookReceiver());
        options.PublicUrl ??= receiver.BaseUri.ToString();
        var database = new TempDatabase();
        await database.MigrateAsync();
        var rig = new ProberRig(simulator ?? SimulatorHost.With(), database, receiver, options, waiters);
        if (withDpAction)
        {
            using var set = await rig.Control.SendJsonAsync(HttpMethod.Put, "/__sim/dp",
                $$"""{"statusId":{{AccountState.SecondStageId}},"url":"{{options.ReceiverUrl("rig", dp: true)}}"}""");
            set.EnsureSuccessStatusCode();
        }

        return rig;
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await Receiver.DisposeAsync();
        await Simulator.DisposeAsync();
        Database.Dispose();
    }
}

public static class TestServices
{
    public static IServiceCollection AddSingletonInstance<T>(this IServiceCollection services, T instance)
        where T : class => services.AddSingleton(instance);
}
