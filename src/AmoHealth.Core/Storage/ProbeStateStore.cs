namespace AmoHealth.Core.Storage;

/// <summary>Per-account values the Prober keeps in the database (<c>probe_state</c>): the test lead, the token's
/// expiry, notices. With a <see cref="IStateFence"/>, <see cref="SetOwnedAsync"/> writes only under the account's
/// lease.</summary>
public sealed class ProbeStateStore(StoreConnections connections, IStateFence? fence = null)
{
    /// <summary>The stored value, or null when there is none or it does not parse.</summary>
    public async Task<T?> GetAsync<T>(string account, ProbeStateKey<T> key, CancellationToken cancellationToken)
        where T : class =>
        key.TryParse(await GetAsync(account, key.Name, cancellationToken), out var value) ? value : null;

    /// <summary>The stored value, or null when there is none or it does not parse.</summary>
    public async Task<T?> GetValueAsync<T>(string account, ProbeStateKey<T> key, CancellationToken cancellationToken)
        where T : struct =>
        key.TryParse(await GetAsync(account, key.Name, cancellationToken), out var value) ? value : null;

    public Task SetAsync<T>(string account, ProbeStateKey<T> key, T value, CancellationToken cancellationToken)
        where T : notnull => SetAsync(account, key.Name, key.Format(value), cancellationToken);

    /// <summary>As <see cref="SetOwnedAsync(string, string, string, CancellationToken)"/>, typed.</summary>
    public Task<bool> SetOwnedAsync<T>(
        string account, ProbeStateKey<T> key, T value, CancellationToken cancellationToken)
        where T : notnull => SetOwnedAsync(account, key.Name, key.Format(value), cancellationToken);

    public async Task<string?> GetAsync(string account, string key, CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        await using var command = session
            .Command("""SELECT "value" FROM probe_state WHERE account = @account AND "key" = @key""")
            .With("@account", account).With("@key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetAsync(string account, string key, string value, CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        await UpsertAsync(session, account, key, value, cancellationToken);
    }

    /// <summary>The fence under which the account is held now (0 without leases), or null when it is not.</summary>
    public long? FenceOf(string account) => fence is null ? 0 : fence.FenceOf(account);

    /// <summary>Writes only while this process holds the account's lease under its fence now; false when not.</summary>
    public async Task<bool> SetOwnedAsync(string account, string key, string value, CancellationToken cancellationToken)
    {
        if (fence is null)
        {
            await SetAsync(account, key, value, cancellationToken);
            return true;
        }

        if (fence.FenceOf(account) is not { } held)
        {
            return false;
        }

        await using var session = await connections.BeginAsync(cancellationToken);
        if (!await fence.HoldsAsync(session, account, held, cancellationToken))
        {
            return false;
        }

        await UpsertAsync(session, account, key, value, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task UpsertAsync(
        StoreSession session, string account, string key, string value, CancellationToken cancellationToken)
    {
        await using var command = session.Command("""
            INSERT INTO probe_state (account, "key", "value") VALUES (@account, @key, @value)
            ON CONFLICT (account, "key") DO UPDATE SET "value" = excluded."value"
            """).With("@account", account).With("@key", key).With("@value", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
