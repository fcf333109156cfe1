using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Probes;
using AmoHealth.Prober.Probes.Tokens;
using AmoHealth.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>The OAuth pair lives in the database, encrypted with Monitor:OAuth:EncryptionKey;
/// an old token file is imported once.</summary>
[Trait("Ring", "Integration")]
public sealed class OAuthStorageTests
{
    [Fact]
    public async Task TheRotatedPairIsStoredEncryptedInTheDatabaseAndNoTokenFileIsWritten()
    {
        using var folder = new TempDatabase();
        var tokenFile = Path.Combine(folder.Directory, "tokens", "rig.json");
        await using var rig = await OAuthRigAsync(tokenFile);
        var initial = rig.Options.OAuth.RefreshToken!;

        var result = await rig.Get.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.True(result.Outcome == Outcome.Up, result.ErrorMessage);
        var row = await RowAsync(rig);
        var stored =
            await new TokenVault(((ITestStore)rig.Database).CreateConnections(),
                TokenCipher.Create(ProberRig.EncryptionKey), TimeProvider.System)
            .ReadAsync("rig", CancellationToken.None);
        Assert.NotEqual(initial, stored!.RefreshToken);
        Assert.StartsWith("def50200", stored.RefreshToken, StringComparison.Ordinal);
        Assert.StartsWith("eyJ", stored.AccessToken, StringComparison.Ordinal);
        // Neither token is in the row in plain text, nor its base64.
        foreach (var plain in new[] { stored.RefreshToken, stored.AccessToken!, initial })
        {
            var text = string.Join("|", row.AccessToken, row.RefreshToken);
            Assert.DoesNotContain(plain[..24], text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(plain))[..24], text,
                StringComparison.Ordinal);
        }

        Assert.False(File.Exists(tokenFile));
        Assert.NotNull(await rig.State.GetAsync("rig", ProbeStateRecord.TokenExpiresKey, CancellationToken.None));
    }

    [Fact]
    public async Task AWrongEncryptionKeyIsAuthFailedNamingTheKeyAndSpendsNoRefreshToken()
    {
        using var folder = new TempDatabase();
        await using var rig = await OAuthRigAsync(Path.Combine(folder.Directory, "rig.json"));
        Assert.Equal(Outcome.Up, (await rig.Get.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);
        var refreshes = (await SimulatorOAuth.RefreshesAsync(rig.Control)).Count;

        rig.Options.OAuth.EncryptionKey = Convert.ToBase64String(new byte[32]);
        var result = await GetProbeAsync(rig);

        Assert.Equal(Outcome.AuthFailed, result.Outcome);
        Assert.Contains("Monitor:OAuth:EncryptionKey", result.ErrorMessage);
        Assert.Equal(refreshes, (await SimulatorOAuth.RefreshesAsync(rig.Control)).Count);
    }

    [Fact]
    public async Task AReplacedKeyReadsThePairThroughThePreviousKeyUntilTheNextRefreshStoresItUnderTheNewOne()
    {
        using var folder = new TempDatabase();
        await using var rig = await OAuthRigAsync(Path.Combine(folder.Directory, "rig.json"));
        Assert.Equal(Outcome.Up, (await rig.Get.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);

        rig.Options.OAuth.PreviousEncryptionKey = ProberRig.EncryptionKey;
        rig.Options.OAuth.EncryptionKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        var duringRotation = await GetProbeAsync(rig);
        // amoCRM rejects the access token once: the refresh stores the new pair under the new key.
        await RejectNextAsync(rig);

        var refreshed = await GetProbeAsync(rig);
        rig.Options.OAuth.PreviousEncryptionKey = null;
        var afterRotation = await GetProbeAsync(rig);

        Assert.All(new[] { duringRotation, refreshed, afterRotation },
            r => Assert.True(r.Outcome == Outcome.Up, r.ErrorMessage));
        Assert.Equal(2, (await SimulatorOAuth.RefreshesAsync(rig.Control)).Count);
    }

    [Fact]
    public async Task ATokenRejectedAfterAnotherProberRefreshedIsReplacedByTheStoredPairWithoutARefresh()
    {
        using var folder = new TempDatabase();
        var tokenFile = Path.Combine(folder.Directory, "rig.json");
        await using var rig = await OAuthRigAsync(tokenFile);
        await OldTokenFile.WriteAsync(tokenFile,
            new TokenPair("stale-token", rig.Options.OAuth.RefreshToken!,
                DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()));
        // This Prober's last refresh answered a 401; then another Prober refreshes after a 401 of its own.
        Assert.Equal(Outcome.Up, (await rig.Get.ProbeAsync(rig.Account, CancellationToken.None)).Outcome);
        await RejectNextAsync(rig);
        Assert.Equal(Outcome.Up, (await GetProbeAsync(rig)).Outcome);

        await RejectNextAsync(rig);
        var result = await rig.Get.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.True(result.Outcome == Outcome.Up, result.ErrorMessage);
        Assert.Equal(2, (await SimulatorOAuth.RefreshesAsync(rig.Control)).Count);
    }

    [Fact]
    public async Task AnOldTokenFileIsImportedOnceAndTheDatabaseHoldsThePairFromThenOn()
    {
        using var folder = new TempDatabase();
        var tokenFile = Path.Combine(folder.Directory, "rig.json");
        await using var rig = await OAuthRigAsync(tokenFile);
        var fromFile = rig.Options.OAuth.RefreshToken!;
        await OldTokenFile.WriteAsync(tokenFile, new TokenPair(null, fromFile, 0));
        rig.Options.OAuth.RefreshToken = "def50200notthisone";

        var first = await rig.Get.ProbeAsync(rig.Account, CancellationToken.None);
        // The file names the spent token (as another host's copy would); a Prober starting now reads the database.
        await OldTokenFile.WriteAsync(tokenFile, new TokenPair(null, fromFile, 0));
        var afterRestart = await GetProbeAsync(rig);

        Assert.True(first.Outcome == Outcome.Up, first.ErrorMessage);
        Assert.True(afterRestart.Outcome == Outcome.Up, afterRestart.ErrorMessage);
        Assert.Equal([(fromFile, (string?)null)], await SimulatorOAuth.RefreshesAsync(rig.Control));
    }

    /// <summary>A probe through a new token source, as a Prober that just started (or took the account over).</summary>
    private static Task<ProbeResult> GetProbeAsync(ProberRig rig) =>
        new GetProbe(ProbeClients.Create(rig.Options, state: rig.State,
            connections: ((ITestStore)rig.Database).CreateConnections()))
            .ProbeAsync(rig.Account, CancellationToken.None);

    private static async Task RejectNextAsync(ProberRig rig)
    {
        using var fault =
            await rig.Control.PostJsonAsync("/__sim/faults", """{"endpoint":"account","status":401,"count":1}""");
        fault.EnsureSuccessStatusCode();
    }

    private static async Task<OAuthTokenRecord> RowAsync(ProberRig rig)
    {
        await using var db = await rig.Database.CreateFactory().CreateDbContextAsync();
        return await db.OAuthTokens.AsNoTracking().SingleAsync(t => t.Account == "rig");
    }

    private static async Task<ProberRig> OAuthRigAsync(string tokenFile)
    {
        var rig = await ProberRig.StartAsync(o =>
        {
            o.OAuth.ClientId = SimulatorOAuth.Integration.ClientId;
            o.OAuth.ClientSecret = SimulatorOAuth.Integration.ClientSecret;
            o.OAuth.RedirectUri = SimulatorOAuth.Integration.RedirectUri;
            o.OAuth.TokenFile = tokenFile;
        });
        rig.Options.OAuth.RefreshToken = await SimulatorOAuth.FirstRefreshTokenAsync(rig.Control);
        return rig;
    }
}
