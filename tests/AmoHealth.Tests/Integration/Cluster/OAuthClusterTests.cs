using System.Globalization;
using AmoHealth.Tests.Infrastructure;
using Npgsql;

namespace AmoHealth.Tests.Integration.Cluster;

/// <summary>
/// OAuth with several Probers on PostgreSQL, as separate processes: the account moves from Prober to Prober
/// (a clean stop, then a kill -9) while its access tokens expire every few seconds, and whoever holds it
/// refreshes with the pair in the database, never with a spent refresh token.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class OAuthClusterTests : IDisposable
{
    private const string Account = "acme";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    // amoCRM's tokens live 303 s here and the Prober refreshes 300 s before expiry: a refresh every 3 s or so.
    private readonly SimulatorHost _simulator = SimulatorHost.With(
        new() { ["Simulator:Integration:AccessTokenSeconds"] = "303" });
    private readonly TempPostgresDatabase _store = new();
    private readonly TempDatabase _folder = new();
    private readonly List<ProberProcess> _probers = [];

    [Fact]
    public async Task TheAccountStaysUpAndEveryRefreshTokenIsUsedOnceWhileTheHolderStopsAndTheNextIsKilled()
    {
        using var simulator = _simulator.CreateAmoClient();
        var firstRefreshToken = await SimulatorOAuth.FirstRefreshTokenAsync(simulator);
        Start(firstRefreshToken, "a");
        Start(firstRefreshToken, "b");

        // The holder refreshes a few times, then stops cleanly; the other Prober takes the account over.
        var first = await HolderAsync(except: null);
        await RefreshedAsync(simulator, 2);
        await first.StopAsync(Wait);
        var second = await HolderAsync(except: first);
        await RefreshedAsync(simulator, 2);

        // A third Prober joins; the holder is killed with -9 and the newcomer takes the account over.
        var third = Start(firstRefreshToken, "c");
        await Eventually.GetAsync(async () => await ScalarAsync<long>(
            $"SELECT count(*) FROM leases WHERE name LIKE 'member:%' AND holder LIKE '%:{third.Id}:%' AND expires_at " +
                $"> {Now}") == 1 ? "joined" : null, Wait, "the third Prober to join");
        second.Kill();
        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Same(third, await HolderAsync(except: second));
        await RefreshedAsync(simulator, 2);
        await Eventually.GetAsync(async () => await ScalarAsync<long>(
            $"SELECT count(*) FROM health_checks WHERE account = '{Account}' AND check_type = 'GET' AND outcome = " +
                $"'up' AND timestamp > {killedAt}") > 0 ? "up" : null,
            Wait, "a GET probe by the third Prober");

        var refreshes = await SimulatorOAuth.RefreshesAsync(simulator);
        Assert.All(refreshes, r => Assert.True(r.Refusal is null, $"a refresh was refused: {r.Refusal}"));
        Assert.Equal(refreshes.Count, refreshes.Select(r => r.Token).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(firstRefreshToken, refreshes[0].Token);
        Assert.Equal(0,
            await ScalarAsync<long>(
            $"SELECT count(*) FROM health_checks WHERE account = '{Account}' AND outcome = 'auth_failed'"));
        Assert.Equal(0, await ScalarAsync<long>($"SELECT count(*) FROM incidents WHERE account = '{Account}'"));
        Assert.All(_probers, p => Assert.All(refreshes.Select(r => r.Token).Append(ProberRig.EncryptionKey),
            secret => Assert.DoesNotContain(secret, p.Output, StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        // Kept for a failed run: what each Prober said.
        _probers.ForEach(p =>
            File.WriteAllText(Path.Combine(Path.GetTempPath(), $"amohealth-oauth-cluster-{p.Id}.log"), p.Output));
        _probers.ForEach(p => p.Dispose());
        _simulator.Dispose();
        _store.Dispose();
        _folder.Dispose();
    }

    private const string Now = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private ProberProcess Start(string refreshToken, string name)
    {
        var prober = ProberProcess.Start(new Dictionary<string, string>
        {
            ["AMOCRM_DOMAIN"] = _simulator.BaseUri.ToString(),
            ["Monitor__Account"] = Account,
            ["CHECK_INTERVAL"] = "2000",
            ["Monitor__MaxRequestsPerSecond"] = "5",
            ["Monitor__OAuth__ClientId"] = SimulatorOAuth.Integration.ClientId,
            ["Monitor__OAuth__ClientSecret"] = SimulatorOAuth.Integration.ClientSecret,
            ["Monitor__OAuth__RedirectUri"] = SimulatorOAuth.Integration.RedirectUri,
            ["Monitor__OAuth__RefreshToken"] = refreshToken,
            ["Monitor__OAuth__EncryptionKey"] = ProberRig.EncryptionKey,
            // Each Prober on a host of its own: a token file is never shared.
            ["Monitor__OAuth__TokenFile"] = Path.Combine(_folder.Directory, name, "tokens.json"),
            ["Storage__Provider"] = "postgres",
            ["ConnectionStrings__amohealth"] = _store.ConnectionString,
        });
        _probers.Add(prober);
        return prober;
    }

    /// <summary>The Prober that holds the account now, once it is not <paramref name="except"/>.</summary>
    private async Task<ProberProcess> HolderAsync(ProberProcess? except) =>
        await Eventually.GetAsync(async () =>
        {
            var holder = await ScalarAsync<string>(
                $"SELECT holder FROM leases WHERE name = 'account:{Account}' AND expires_at > {Now}");
            var pid = holder is null ? 0 : int.Parse(holder.Split(':')[^2], CultureInfo.InvariantCulture);
            return _probers.FirstOrDefault(p => p.Id == pid && p != except && !p.HasExited);
        }, Wait, "a Prober to hold the account");

    /// <summary>
    /// Waits for <paramref name="count"/> more refreshes, then a moment: a Prober stopped or killed right after
    /// amoCRM answered and before the new pair was stored would lose it, which no design can prevent.
    /// </summary>
    private static async Task RefreshedAsync(HttpClient simulator, int count)
    {
        var before = (await SimulatorOAuth.RefreshesAsync(simulator)).Count;
        await Eventually.GetAsync(async () => (await SimulatorOAuth.RefreshesAsync(simulator)).Count >= before + count
            ? "refreshed" : null, Wait, $"{count} refreshes");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
    }

    private async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            return await command.ExecuteScalarAsync() is T value ? value : default;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return default; // The Probers have not migrated the database yet.
        }
    }
}
