using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>The statements on <c>oauth_tokens</c>: read a pair, insert the first one, swap it on its refresh token's
/// hash.</summary>
public static class OAuthTokenRows
{
    public static async Task<OAuthTokenRecord?> ReadAsync(StoreSession session, string account,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command("""
            SELECT account, access_token, refresh_token, refresh_token_hash, expires_at, updated_at
            FROM oauth_tokens WHERE account = @account
            """).With("@account", account);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new OAuthTokenRecord
        {
            Account = reader.GetString(0),
            AccessToken = reader.GetNullableString(1),
            RefreshToken = reader.GetString(2),
            RefreshTokenHash = reader.GetString(3),
            ExpiresAt = reader.GetInt64(4),
            UpdatedAt = reader.GetInt64(5),
        };
    }

    /// <summary>Fails (a unique violation) when the account has a pair already.</summary>
    public static async Task InsertAsync(StoreSession session, OAuthTokenRecord row,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command("""
            INSERT INTO oauth_tokens (account, access_token, refresh_token, refresh_token_hash, expires_at, updated_at)
            VALUES (@account, @access, @refresh, @hash, @expires, @updated)
            """).With("@account", row.Account).With("@access", (object?)row.AccessToken ?? DBNull.Value)
            .With("@refresh", row.RefreshToken).With("@hash", row.RefreshTokenHash)
            .With("@expires", row.ExpiresAt).With("@updated", row.UpdatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stores <paramref name="next"/> only over the pair whose refresh token hashes to
    /// <paramref name="oldHash"/>; the rows changed (0 or 1).</summary>
    public static async Task<int> SwapAsync(StoreSession session, string oldHash, OAuthTokenRecord next,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command("""
            UPDATE oauth_tokens SET access_token = @access, refresh_token = @refresh, refresh_token_hash = @hash,
                expires_at = @expires, updated_at = @updated
            WHERE account = @account AND refresh_token_hash = @old
            """).With("@access", (object?)next.AccessToken ?? DBNull.Value).With("@refresh", next.RefreshToken)
            .With("@hash", next.RefreshTokenHash).With("@expires", next.ExpiresAt).With("@updated", next.UpdatedAt)
            .With("@account", next.Account).With("@old", oldHash);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
