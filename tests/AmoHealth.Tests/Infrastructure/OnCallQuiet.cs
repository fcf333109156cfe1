using AmoHealth.Core.Storage;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A fake <see cref="IQuietHours"/>: the accounts a test silences, from a moment on.</summary>
public sealed class OnCallQuiet : IQuietHours
{
    private readonly Dictionary<string, DateTimeOffset> _from = new(StringComparer.Ordinal);

    public void Silence(string account, DateTimeOffset from) => _from[account] = from;

    public Task<Quiet?> QuietAsync(StoreSession session, string account, string? checkType, DateTimeOffset at,
        CancellationToken cancellationToken) =>
        Task.FromResult(_from.TryGetValue(account, out var from) && at >= from
            ? new Quiet(1, at.AddHours(1), "test")
            : null);
}
