using System.Collections.Concurrent;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Probes;

/// <summary>
/// Test lead ids known in this process, each under the fence its account was held by when it was cached: once
/// the lease is lost (or passed on and back) the id is read again from the database, where the holder may have
/// replaced it meanwhile.
/// </summary>
public sealed class LeadCache(ProbeStateStore state)
{
    private readonly ConcurrentDictionary<string, (long Id, long Fence)> _known = new(StringComparer.Ordinal);

    public bool TryGet(string account, string key, out long id)
    {
        if (_known.TryGetValue(key, out var entry) && state.FenceOf(account) == entry.Fence)
        {
            id = entry.Id;
            return true;
        }

        _known.TryRemove(key, out _);
        id = 0;
        return false;
    }

    public void Set(string account, string key, long id)
    {
        if (state.FenceOf(account) is { } fence)
        {
            _known[key] = (id, fence);
        }
    }

    public void Remove(string key) => _known.TryRemove(key, out _);
}
