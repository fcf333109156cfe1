using System.Net.Http.Json;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Probes.Tokens;
using AmoHealth.Simulator.OAuth;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Probes;

[Trait("Ring", "Integration")]
public sealed class TokenTests
{
    private static readonly IntegrationOptions Integration = new();

    [Fact]
    public async Task TheJwtExpiryIsReadWithoutCheckingTheSignature()
    {
        await using var rig = await ProberRig.StartAsync();
        var token = await LongLivedAsync(rig, days: 30);

        var expires = Jwt.ReadExpiry(token);

        Assert.InRange(expires!.Value, DateTimeOffset.UtcNow.AddDays(30).AddMinutes(-1),
            DateTimeOffset.UtcNow.AddDays(30).AddMinutes(1));
        Assert.Null(Jwt.ReadExpiry("not-a-jwt"));
        Assert.Null(Jwt.ReadExpiry("a.b.c"));
    }

    [Fact]
    public async Task ALongLivedTokensExpiryIsRecordedForTheDashboard()
    {
        await using var rig = await ProberRig.StartAsync();
        var account = rig.Account with { AccessToken = await LongLivedAsync(rig, days: 10) };
        var wrapped = Microsoft.Extensions.Options.Options.Create(rig.Options);
        var sources =
            new TokenSources(new PlainHttpClients(), rig.State, ((ITestStore)rig.Database).CreateConnections(), wrapped,
                TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            new AmoHealth.Prober.Probes.Safety.AccountGuard.Registry(TimeProvider.System, wrapped));

        await sources.RecordStaticExpiryAsync(account, CancellationToken.None);

        var stored =
            long.Parse((await rig.State.GetAsync(account.Name, ProbeStateRecord.TokenExpiresKey,
                CancellationToken.None))!);
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(stored),
            DateTimeOffset.UtcNow.AddDays(10).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(10).AddMinutes(1));
    }

    [Fact]
    public async Task ARejectedTokenIsRefreshedOnceAndTheRequestTriedOnceMore()
    {
        using var folder = new TempDatabase();
        var tokenFile = Path.Combine(folder.Directory, "rig.json");
        await using var rig =
            await OAuthRigAsync(tokenFile,
                refresh => new TokenPair("stale-token", refresh, DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()));

        var result = await rig.Get.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.True(result.Outcome == Outcome.Up, result.ErrorMessage);
        var statuses = await AccountStatusesAsync(rig);
        Assert.Equal([401, 200], statuses);
        Assert.Equal(1, await OAuthRequestsAsync(rig));
    }

    [Fact]
    public async Task ATokenIsRefreshedFiveMinutesBeforeItExpiresNotAfterA401()
    {
        using var folder = new TempDatabase();
        var tokenFile = Path.Combine(folder.Directory, "rig.json");
        await using var rig =
            await OAuthRigAsync(tokenFile,
                refresh =>
                    new TokenPair("about-to-expire", refresh, DateTimeOffset.UtcNow.AddMinutes(4).ToUnixTimeSeconds()));

        var result = await rig.Get.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.True(result.Outcome == Outcome.Up, result.ErrorMessage);
        Assert.Equal([200], await AccountStatusesAsync(rig));
        Assert.Equal(1, await OAuthRequestsAsync(rig));
    }

    [Fact]
    public async Task RefreshesRacingEachOtherSpendTheSingleUseRefreshTokenOnce()
    {
        using var folder = new TempDatabase();
        await using var rig = await OAuthRigAsync(Path.Combine(folder.Directory, "rig.json"), null);

        var probes = new[] { rig.Get, rig.Post, rig.Hook, rig.Dp, rig.Get, rig.Get };
        var results = await Task.WhenAll(probes.Select(p => p.ProbeAsync(rig.Account, CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Outcome == Outcome.Up, $"{r.CheckType}: {r.ErrorMessage}"));
        Assert.Equal(1, await OAuthRequestsAsync(rig));
    }

    [Fact]
    public async Task AStill401AfterTheRefreshIsAuthFailedAndDoesNotRotateTokensEveryCycle()
    {
        using var folder = new TempDatabase();
        await using var rig = await OAuthRigAsync(Path.Combine(folder.Directory, "rig.json"), null);
        await rig.Get.ProbeAsync(rig.Account, CancellationToken.None);
        // The token is fine but lacks the scope for /account: amoCRM says 401 there, and only there.
        using var fault = await rig.Control.PostJsonAsync("/__sim/faults", """{"endpoint":"account","status":401}""");

        var results = new List<ProbeResult>();
        for (var cycle = 0; cycle < 3; cycle++)
        {
            results.Add(await rig.Get.ProbeAsync(rig.Account, CancellationToken.None));
        }

        Assert.All(results, r => Assert.Equal(Outcome.AuthFailed, r.Outcome));
        Assert.Equal(2, await OAuthRequestsAsync(rig));
        Assert.Equal(Outcome.Up, (await rig.Post.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task AFailedRefreshIsACredentialsProblemNotAnOutage()
    {
        using var folder = new TempDatabase();
        await using var rig =
            await OAuthRigAsync(Path.Combine(folder.Directory, "rig.json"),
                _ => new TokenPair(null, "def50200revoked", 0));

        var result = await rig.Get.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.Equal(Outcome.AuthFailed, result.Outcome);
        Assert.Contains("Cannot decrypt the refresh token", result.ErrorMessage);
        Assert.DoesNotContain("def50200revoked", result.ErrorMessage);
    }

    private static async Task<ProberRig> OAuthRigAsync(string tokenFile, Func<string, TokenPair>? existing)
    {
        var rig = await ProberRig.StartAsync(o =>
        {
            o.OAuth.ClientId = Integration.ClientId;
            o.OAuth.ClientSecret = Integration.ClientSecret;
            o.OAuth.RedirectUri = Integration.RedirectUri;
            o.OAuth.TokenFile = tokenFile;
        });
        var refresh = await FirstRefreshTokenAsync(rig);
        rig.Options.OAuth.RefreshToken = refresh;
        if (existing is not null)
        {
            await OldTokenFile.WriteAsync(tokenFile, existing(refresh));
        }

        await rig.Control.DeleteAsync("/__sim/requests");
        return rig;
    }

    private static async Task<string> FirstRefreshTokenAsync(ProberRig rig)
    {
        var code = (await (await rig.Control.PostAsync("/__sim/oauth/code", null)).JsonAsync())
            .GetProperty("code")
            .GetString();
        using var response = await rig.Control.PostAsJsonAsync("/oauth2/access_token", new Dictionary<string, string?>
        {
            ["client_id"] = Integration.ClientId,
            ["client_secret"] = Integration.ClientSecret,
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = Integration.RedirectUri,
        });
        return (await response.JsonAsync()).GetProperty("refresh_token").GetString()!;
    }

    private static async Task<string> LongLivedAsync(ProberRig rig, int days) =>
        (await (await rig.Control.PostJsonAsync("/__sim/tokens",
            $$"""{"days":{{days}}}""")).JsonAsync()).GetProperty("access_token").GetString()!;

    private static async Task<int> OAuthRequestsAsync(ProberRig rig) =>
        (await (await rig.Control.GetAsync("/__sim/requests")).JsonAsync()).EnumerateArray().Count(r =>
            r.GetProperty("endpoint").GetString() == "oauth");

    private static async Task<List<int>> AccountStatusesAsync(ProberRig rig) =>
        (await (await rig.Control.GetAsync("/__sim/requests")).JsonAsync()).EnumerateArray()
            .Where(r => r.GetProperty("endpoint").GetString() == "account")
            .Select(r => r.GetProperty("status").GetInt32())
            .ToList();
}
