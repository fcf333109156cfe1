using System.Collections.Concurrent;

namespace AmoHealth.Api.Public;

/// <summary>The pages' snapshots, cached per slug: a crowd reading a page costs one build per <see cref="Lifetime"/>
/// (concurrent readers of a missing snapshot share one build). A change of the account's state drops its pages' copies
/// at once (<see cref="Invalidate"/>, fed by <see cref="PublicSnapshotInvalidator"/>); the lifetime alone refreshes the
/// bars and uptime figures, and is all there is without Redis.</summary>
public sealed class PublicSnapshotReader(
    StatusPageDirectory directory, PublicSnapshotBuilder builder, TimeProvider time) : IPublicSnapshots
{
    /// <summary>How long a snapshot is served before it is built again, when nothing invalidates it sooner.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Per account, bumped by each invalidation: a snapshot built before the last bump is out of date.
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    public async Task<PublicSnapshot?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            slug, s => New(s, now), (s, old) => IsCurrent(old, now) ? old : New(s, now));
        Built built;
        try
        {
            built = await entry.Work.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(slug, entry));
            throw;
        }

        if (built.Snapshot is null)
        {
            // Nothing is kept for an address that is not a page: guessed slugs cannot fill the cache.
            _entries.TryRemove(new KeyValuePair<string, Entry>(slug, entry));
        }

        return built.Snapshot;
    }

    /// <summary>Drops the snapshots of <paramref name="account"/>'s pages; the next request builds them
    /// again.</summary>
    public void Invalidate(string account) => _generations.AddOrUpdate(account, 1, (_, g) => g + 1);

    /// <summary>The state the cached page of <paramref name="account"/> shows for <paramref name="checkType"/>; null
    /// when no current snapshot of the account shows the check.</summary>
    public PublicState? CachedState(string account, string checkType)
    {
        foreach (var entry in _entries.Values)
        {
            if (entry.Work is { IsValueCreated: true, Value.IsCompletedSuccessfully: true }
                && entry.Work.Value.Result is { Snapshot: { } snapshot } built && snapshot.Page.Account == account
                && built.Generation == Generation(account))
            {
                return snapshot.Checks.FirstOrDefault(c => c.CheckType == checkType)?.State;
            }
        }

        return null;
    }

    private long Generation(string account) => _generations.GetValueOrDefault(account);

    private bool IsCurrent(Entry entry, DateTimeOffset now)
    {
        if (now >= entry.Expires)
        {
            return false;
        }

        if (!entry.Work.IsValueCreated)
        {
            // Just added by another request, which is starting it.
            return true;
        }

        var work = entry.Work.Value;
        return !work.IsCompleted
            || (work.IsCompletedSuccessfully && work.Result is { Snapshot: { } snapshot } built
                && built.Generation == Generation(snapshot.Page.Account));
    }

    private Entry New(string slug, DateTimeOffset now) =>
        new(now + Lifetime, new Lazy<Task<Built>>(() => BuildAsync(slug)));

    private async Task<Built> BuildAsync(string slug)
    {
        // Shared by every reader waiting for it, so no one reader's cancellation stops it.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        if (await directory.FindAsync(slug, limit.Token) is not { } page)
        {
            return new Built(null, 0);
        }

        // Read before the rows: an invalidation during the build leaves this snapshot out of date.
        var generation = Generation(page.Account);
        return new Built(await builder.BuildAsync(page, limit.Token), generation);
    }

    private sealed record Built(PublicSnapshot? Snapshot, long Generation);

    private sealed record Entry(DateTimeOffset Expires, Lazy<Task<Built>> Work);
}
