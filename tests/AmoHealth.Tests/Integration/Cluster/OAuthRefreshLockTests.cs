using System.Collections.Concurrent;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Probes.Tokens;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Cluster;

/// <summary>One refresh of an account's pair at a time across Probers, and only one rotation of a pair ever
/// stored.</summary>
[Trait("Ring", "Integration")]
public sealed class OAuthRefreshLockTests
{
    private static readonly TokenCipher Cipher = TokenCipher.Create(ProberRig.EncryptionKey);

    [Fact]
    public async Task TwoProbersRefreshingAtOnceOnPostgresSendTheRefreshTokenToAmoCrmOnce()
    {
        using var store = new TempPostgresDatabase();
        await ((ITestStore)store).MigrateAsync();
        var (a, b) = (Vault(store.Options), Vault(store.Options));
        await a.ImportAsync("acme", new TokenPair(null, "def50200first", 0), CancellationToken.None);
        var exchange = new SlowExchange();

        var first = a.RefreshAsync("acme", p => p.AccessToken is null, exchange.ExchangeAsync, CancellationToken.None);
        await exchange.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = b.RefreshAsync("acme", p => p.AccessToken is null, exchange.ExchangeAsync, CancellationToken.None);
        var pairs = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["def50200first"], exchange.Presented);
        Assert.Equal(pairs[0], pairs[1]);
        Assert.Equal("def50200first+", (await b.ReadAsync("acme", CancellationToken.None))!.RefreshToken);
    }

    [Fact]
    public async Task ARefreshThatLosesTheCompareAndSwapUsesThePairStoredFirst()
    {
        using var store = new TempDatabase();
        await store.MigrateAsync();
        var (a, b) = (Vault(store.Options), Vault(store.Options));
        await a.ImportAsync("acme", new TokenPair(null, "def50200first", 0), CancellationToken.None);
        var inner = new SlowExchange();

        // B refreshes and stores while A is still waiting for amoCRM's answer to the same refresh token.
        var first = a.RefreshAsync("acme", p => p.AccessToken is null, async (pair, token) =>
        {
            await b.RefreshAsync("acme", p => p.AccessToken is null, (p, t) =>
                Task.FromResult(new TokenPair("access-b", "def50200b", 2_000_000_000)), token);
            return await inner.ExchangeAsync(pair, token);
        }, CancellationToken.None);
        var pair = await first.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new TokenPair("access-b", "def50200b", 2_000_000_000), pair);
        Assert.Equal(pair, await a.ReadAsync("acme", CancellationToken.None));
    }

    private static TokenVault Vault(StorageOptions options) =>
        new(new StoreConnections(options), Cipher, TimeProvider.System);

    /// <summary>amoCRM answering a refresh slowly enough for another Prober to try the same refresh token
    /// meanwhile.</summary>
    private sealed class SlowExchange
    {
        private readonly ConcurrentQueue<string> _presented = new();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Presented => [.. _presented];

        public async Task<TokenPair> ExchangeAsync(TokenPair pair, CancellationToken cancellationToken)
        {
            _presented.Enqueue(pair.RefreshToken);
            Entered.TrySetResult();
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            return new TokenPair("access-" + pair.RefreshToken, pair.RefreshToken + "+", 2_000_000_000);
        }
    }
}
