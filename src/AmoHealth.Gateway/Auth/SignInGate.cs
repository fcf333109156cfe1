using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// Bounds what sign-in attempts can cost the host: a limit per minute across every client (besides the one per
/// client), and one password hash at a time. A 310,000-round PBKDF2 takes a core for a moment; a flood of
/// them on two cores would slow the probes and make them report false slowness.
/// </summary>
public sealed class SignInGate(IOptions<AuthOptions> options) : IDisposable
{
    private readonly FixedWindowRateLimiter _global = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = options.Value.GlobalAttemptsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    });

    private readonly SemaphoreSlim _hashing = new(1, 1);

    /// <summary>False when every client together has used up this minute's attempts.</summary>
    public bool TryEnter()
    {
        using var lease = _global.AttemptAcquire();
        return lease.IsAcquired;
    }

    /// <summary>Checks the password on one thread at a time; null when another check held it for 2 s (busy).</summary>
    public async Task<bool?> VerifyAsync(string password, string? hash, CancellationToken cancellationToken)
    {
        if (!await _hashing.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken))
        {
            return null;
        }

        try
        {
            return await Task.Run(() => Passwords.Verify(password, hash), cancellationToken);
        }
        finally
        {
            _hashing.Release();
        }
    }

    /// <summary>
    /// The key a client is rate-limited by: its IPv4 address, or its IPv6 /64 (one subscriber usually holds a
    /// whole /64, and could otherwise take a fresh address for every attempt).
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose()
    {
        _global.Dispose();
        _hashing.Dispose();
    }
}
