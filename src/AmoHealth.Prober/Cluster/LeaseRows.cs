using System.Data.Common;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Cluster;

/// <summary>The statements <see cref="LeaseKeeper"/> runs on <c>leases</c> (PostgreSQL only), each committing on its
/// own. Times are the database's clock, Unix milliseconds.</summary>
public static class LeaseRows
{
    private const string Now = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    /// <summary>The member row lists the accounts this Prober watches: none is retired while it lives.</summary>
    public static Task HeartbeatAsync(
        StoreSession session, string me, TimeSpan ttl, string configured, CancellationToken cancellationToken) =>
        ExecuteAsync(session.Command($"""
            INSERT INTO leases (name, holder, fence, expires_at, accounts)
            VALUES (@name, @me, 1, {Now} + @ttl, @accounts)
            ON CONFLICT (name) DO UPDATE
                SET holder = excluded.holder, expires_at = excluded.expires_at, accounts = excluded.accounts
            """).With("@name", LeaseNames.MemberPrefix + me).With("@me", me).With("@ttl", Ms(ttl))
            .With("@accounts", configured), cancellationToken);

    /// <summary>Creates the missing lease rows, free.</summary>
    public static Task EnsureAsync(StoreSession session, string[] names, CancellationToken cancellationToken) =>
        ExecuteAsync(session.Command("""
            INSERT INTO leases (name, holder, fence, expires_at)
            SELECT n, NULL, 0, 0 FROM unnest(@names) AS n
            ON CONFLICT (name) DO NOTHING
            """).With("@names", names), cancellationToken);

    /// <summary>Gives back the account leases of <paramref name="me"/> not among <paramref name="names"/>.</summary>
    public static Task ReleaseOthersAsync(StoreSession session, string me, string[] names,
        CancellationToken cancellationToken) =>
        ExecuteAsync(session.Command("""
            UPDATE leases SET holder = NULL, expires_at = 0
            WHERE holder = @me AND name LIKE 'account:%' AND NOT (name = ANY(@names))
            """).With("@me", me).With("@names", names), cancellationToken);

    public static Task ReleaseAsync(StoreSession session, string me, string[] names,
        CancellationToken cancellationToken) =>
        ExecuteAsync(session.Command(
                "UPDATE leases SET holder = NULL, expires_at = 0 WHERE holder = @me AND name = ANY(@names)")
            .With("@me", me).With("@names", names), cancellationToken);

    /// <summary>Hands back everything <paramref name="me"/> holds.</summary>
    public static Task ReleaseAllAsync(StoreSession session, string me, CancellationToken cancellationToken) =>
        ExecuteAsync(
            session.Command("UPDATE leases SET holder = NULL, expires_at = 0 WHERE holder = @me").With("@me", me),
            cancellationToken);

    /// <summary>Renews those of <paramref name="names"/> that <paramref name="me"/> holds; they are returned.</summary>
    public static Task<List<HeldLease>> RenewAsync(
        StoreSession session, string me, TimeSpan ttl, string[] names, CancellationToken cancellationToken) =>
        ReadAsync(session.Command($"""
            UPDATE leases SET expires_at = {Now} + @ttl
            WHERE holder = @me AND name = ANY(@names)
            RETURNING name, fence
            """).With("@ttl", Ms(ttl)).With("@me", me).With("@names", names), cancellationToken);

    public static async Task<int> MembersAsync(StoreSession session, CancellationToken cancellationToken)
    {
        await using var command =
            session.Command($"SELECT count(*)::int FROM leases WHERE name LIKE 'member:%' AND expires_at > {Now}");
        return (int)(await command.ScalarInt64Async(cancellationToken) ?? 0);
    }

    /// <summary>Claims up to <paramref name="limit"/> free or expired leases among <paramref name="names"/>, each under
    /// a new fence (<c>FOR UPDATE SKIP LOCKED</c>: two Probers never claim the same row).</summary>
    public static Task<List<HeldLease>> ClaimAsync(
        StoreSession session, string me, TimeSpan ttl, string[] names, int limit,
            CancellationToken cancellationToken) =>
        ReadAsync(session.Command($"""
            UPDATE leases AS l SET holder = @me, fence = l.fence + 1,
                expires_at = {Now} + @ttl
            FROM (SELECT name FROM leases
                  WHERE name = ANY(@names)
                    AND (holder IS NULL OR expires_at < {Now})
                  ORDER BY random() LIMIT @limit
                  FOR UPDATE SKIP LOCKED) AS free
            WHERE l.name = free.name
            RETURNING l.name, l.fence
            """).With("@me", me).With("@ttl", Ms(ttl)).With("@names", names).With("@limit", limit), cancellationToken);

    /// <summary>Holds or takes the cluster lease: its fence, or null when another Prober holds it.</summary>
    public static async Task<long?> LeadAsync(StoreSession session, string me, TimeSpan ttl,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command($"""
            UPDATE leases SET holder = @me,
                fence = CASE WHEN holder = @me THEN fence ELSE fence + 1 END,
                expires_at = {Now} + @ttl
            WHERE name = @cluster
              AND (holder = @me OR holder IS NULL OR expires_at < {Now})
            RETURNING fence
            """).With("@me", me).With("@ttl", Ms(ttl)).With("@cluster", LeaseNames.Cluster);
        return await command.ScalarInt64Async(cancellationToken);
    }

    /// <summary>Those of <paramref name="accounts"/> whose every stored check is at or after
    /// <paramref name="since"/>.</summary>
    public static async Task<List<string>> FreshAsync(
        StoreSession session, string[] accounts, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = session.Command("""
            SELECT account FROM check_status WHERE account = ANY(@accounts)
            GROUP BY account HAVING min(last_check) >= @since
            """).With("@accounts", accounts).With("@since", since.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var fresh = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(reader.GetString(0));
        }

        return fresh;
    }

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    private static async Task ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<List<HeldLease>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var leases = new List<HeldLease>();
            while (await reader.ReadAsync(cancellationToken))
            {
                leases.Add(new HeldLease { Name = reader.GetString(0), Fence = reader.GetInt64(1) });
            }

            return leases;
        }
    }
}
