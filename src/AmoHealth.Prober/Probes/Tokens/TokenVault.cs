using System.Data.Common;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>
/// The OAuth pairs in the database (<c>oauth_tokens</c>), where every Prober reads the current one. A refresh
/// runs under a cluster-wide lock per account (a PostgreSQL advisory lock held by the refresh's transaction,
/// released even when its Prober dies; SQLite has a single Prober, whose per-account gate suffices), re-reads
/// the stored pair first, and stores the new pair by compare-and-swap on the old refresh token, committed
/// before anyone uses it.
/// </summary>
public sealed class TokenVault(StoreConnections connections, TokenCipher cipher, TimeProvider time)
{
    // Longer than a refresh can take (the OAuth client's 30 s timeout plus a wait for the request budget).
    private const string LockTimeout = "SET LOCAL lock_timeout = '90s'";

    public async Task<TokenPair?> ReadAsync(string account, CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        var row = await OAuthTokenRows.ReadAsync(session, account, cancellationToken);
        return row is null ? null : Open(row);
    }

    /// <summary>Stores a first pair unless the account has one already; returns the pair stored now.</summary>
    public async Task<TokenPair> ImportAsync(string account, TokenPair pair, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = await connections.ConnectAsync(cancellationToken);
            await OAuthTokenRows.InsertAsync(session, Seal(account, pair), cancellationToken);
            return pair;
        }
        catch (DbException)
        {
            // Another Prober imported first: its pair is the one in force.
            return await ReadAsync(account, cancellationToken) ?? throw new TokenUnavailableException(
                $"No OAuth tokens for {account} could be stored.");
        }
    }

    /// <summary>
    /// Under the account's refresh lock: the stored pair when <paramref name="needed"/> says it will do (another
    /// Prober refreshed meanwhile), else <paramref name="exchange"/>'s new pair once stored over the old one.
    /// </summary>
    public async Task<TokenPair> RefreshAsync(
        string account,
        Func<TokenPair, bool> needed,
        Func<TokenPair, CancellationToken, Task<TokenPair>> exchange,
        CancellationToken cancellationToken)
    {
        var postgres = connections.Provider == StorageProvider.Postgres;
        await using var session = postgres ? await connections.BeginAsync(cancellationToken)
            : await connections.ConnectAsync(cancellationToken);
        if (postgres)
        {
            await using (var timeout = session.Command(LockTimeout))
            {
                await timeout.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var locking = session.Command("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))").With(
                "@key", "oauth:" + account);
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }

        var stored = await OAuthTokenRows.ReadAsync(session, account, cancellationToken)
            ?? throw new TokenUnavailableException($"No OAuth tokens for {account} in the database.");
        var current = Open(stored);
        if (!needed(current))
        {
            return current;
        }

        var next = await exchange(current, cancellationToken);
        // amoCRM has spent the old refresh token: a stop requested now must not keep the new pair from being stored.
        var stop = CancellationToken.None;
        var swapped = await OAuthTokenRows.SwapAsync(session, stored.RefreshTokenHash, Seal(account, next), stop);
        await session.CommitAsync(stop);

        // Lost the swap: another writer stored a newer pair first, and that one is current.
        return swapped == 1 ? next
            : await ReadAsync(account, stop) ?? throw new TokenUnavailableException(
                $"The OAuth tokens of {account} were removed from the database.");
    }

    private TokenPair Open(OAuthTokenRecord row) => new(
        row.AccessToken is null ? null : cipher.Decrypt(row.Account, row.AccessToken),
        cipher.Decrypt(row.Account, row.RefreshToken),
        row.ExpiresAt);

    private OAuthTokenRecord Seal(string account, TokenPair pair) => new()
    {
        Account = account,
        AccessToken = pair.AccessToken is null ? null : cipher.Encrypt(account, pair.AccessToken),
        RefreshToken = cipher.Encrypt(account, pair.RefreshToken),
        RefreshTokenHash = TokenCipher.Hash(pair.RefreshToken),
        ExpiresAt = pair.ExpiresAt,
        UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
    };
}
