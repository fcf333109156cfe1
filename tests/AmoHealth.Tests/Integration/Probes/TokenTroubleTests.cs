using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Tokens;
using AmoHealth.Simulator.OAuth;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>Our own token trouble is a credentials problem (one 🔑), not an amoCRM outage nor a refresh
/// storm.</summary>
[Trait("Ring", "Integration")]
public sealed class TokenTroubleTests
{
    private static readonly IntegrationOptions Integration = new();

    [Fact]
    public async Task ACorruptTokenFileIsAuthFailedNotAnOutage()
    {
        using var folder = new TempDatabase();
        var tokenFile = Path.Combine(folder.Directory, "rig.json");
        await File.WriteAllTextAsync(tokenFile, "{ this is not json");
        await using var rig = await ProberRig.StartAsync(o =>
        {
            o.OAuth.ClientId = Integration.ClientId;
            o.OAuth.ClientSecret = Integration.ClientSecret;
            o.OAuth.RedirectUri = Integration.RedirectUri;
            o.OAuth.TokenFile = tokenFile;
        });

        var results =
            await Task.WhenAll(new[] { rig.Get,
                rig.Post }.Select(p => p.ProbeAsync(rig.Account, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(Outcome.AuthFailed, r.Outcome));
        Assert.All(results, r => Assert.Contains("cannot be read", r.ErrorMessage));
    }

    [Fact]
    public async Task ARefreshAnswerWithoutARefreshTokenIsAuthFailedAndBacksOff()
    {
        var refreshes = 0;
        await using var oauth = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref refreshes);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                """{"token_type":"Bearer","expires_in":86400,"access_token":"eyJ.x.y"}""");
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = await SourceAsync(oauth.BaseUri, time, await FolderAsync());

        var first =
            await Assert.ThrowsAsync<TokenUnavailableException>(async () =>
                await source.GetAsync(CancellationToken.None));
        var second =
            await Assert.ThrowsAsync<TokenUnavailableException>(async () =>
                await source.GetAsync(CancellationToken.None));

        Assert.Contains("lacks access_token or refresh_token", first.Message);
        Assert.Contains("next refresh attempt", second.Message);
        Assert.Equal(1, refreshes);
        time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<TokenUnavailableException>(async () => await source.GetAsync(CancellationToken.None));
        Assert.Equal(2, refreshes);
    }

    [Fact]
    public async Task ARefreshWaitsForTheAccountsRequestBudgetAndIsNotSentWhileAmoCrmAskedUsToPause()
    {
        var refreshes = 0;
        await using var oauth = await LoopbackServer.StartAsync(context =>
        {
            Interlocked.Increment(ref refreshes);
            context.Response.StatusCode = 429;
            return Task.CompletedTask;
        });
        var guards = new AmoHealth.Prober.Probes.Safety.AccountGuard.Registry(TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new AmoHealth.Prober.Configuration.MonitorOptions()));
        var source = await SourceAsync(oauth.BaseUri, TimeProvider.System, await FolderAsync(), guards.For("acme"));

        // amoCRM throttles the refresh itself: that pauses the whole account, probes and refreshes alike.
        await Assert.ThrowsAsync<TokenUnavailableException>(async () => await source.GetAsync(CancellationToken.None));
        var admission = guards.For("acme").Admit();

        Assert.Equal(1, refreshes);
        Assert.False(admission.Allowed);
        Assert.Equal(Outcome.Throttled, admission.DeniedAs);
    }

    [Fact]
    public async Task ANetworkErrorDuringRefreshIsAuthFailed()
    {
        var closed = new Uri($"http://127.0.0.1:{RedisServer.FreePort()}");
        var source = await SourceAsync(closed, TimeProvider.System, await FolderAsync());

        var error =
            await Assert.ThrowsAsync<TokenUnavailableException>(async () =>
                await source.GetAsync(CancellationToken.None));

        Assert.Contains("no answer from amoCRM", error.Message);
    }

    private static async Task<string> FolderAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "amohealth-tokens-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await Task.CompletedTask;
        return Path.Combine(folder, "acme.json");
    }

    private static async Task<OAuthTokenSource> SourceAsync(Uri baseUri, TimeProvider time, string tokenFile,
        AmoHealth.Prober.Probes.Safety.AccountGuard? guard = null)
    {
        var database = new TempDatabase();
        await database.MigrateAsync();
        var connections = ((ITestStore)database).CreateConnections();
        var options = new OAuthOptions
        {
            ClientId = Integration.ClientId,
            ClientSecret = Integration.ClientSecret,
            RedirectUri = Integration.RedirectUri,
            RefreshToken = "def50200initial",
        };
        var exchange =
            new TokenExchange("acme", baseUri, options, new HttpClient { Timeout = TimeSpan.FromSeconds(5) }, time,
                NullLogger.Instance,
            guard ?? new AmoHealth.Prober.Probes.Safety.AccountGuard.Registry(
                time, Microsoft.Extensions.Options.Options.Create(new MonitorOptions())).For("acme"));
        return new OAuthTokenSource("acme", options, new TokenFile(tokenFile),
            new TokenVault(connections, TokenCipher.Create(ProberRig.EncryptionKey), time),
            exchange, new ProbeStateStore(connections), time, NullLogger.Instance);
    }
}
