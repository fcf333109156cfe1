using System.Collections.Concurrent;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Safety;

/// <summary>One <see cref="AccountGuard"/> per account, shared by every probe of that account.</summary>
public sealed class AccountGuards(TimeProvider time, IOptions<MonitorOptions> options)
{
    private readonly ConcurrentDictionary<string, AccountGuard> _guards = new(StringComparer.Ordinal);

    public AccountGuard For(string account) => _guards.GetOrAdd(account, _ =>
    {
        var o = options.Value;
        return new AccountGuard(time, new GuardSettings(
            TimeSpan.FromSeconds(1.0 / o.MaxRequestsPerSecond),
            TimeSpan.FromSeconds(o.DefaultRetryAfterSeconds),
            TimeSpan.FromMinutes(o.BlockedRecheckMinutes)));
    });
}
