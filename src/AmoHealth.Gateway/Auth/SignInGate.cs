using System.Net;
using Microsoft.Extensions.Options;

namespace AmoHealth.Gateway.Auth;

/// <summary>The answer to one sign-in attempt.</summary>
public enum SignInVerdict
{
    /// <summary>The password matches the user's hash.</summary>
    Right,

    /// <summary>It does not.</summary>
    Wrong,

    /// <summary>This client used up its attempts for the minute (429).</summary>
    Limited,

    /// <summary>Not checked: other checks held the hasher (429).</summary>
    Busy,
}

/// <summary>
/// Bounds what sign-in attempts cost without letting a flood lock the admin out: a limit per client address
/// (an IPv6 client by its /64) in a bounded table, and one password check at a time, fewest attempts first.
/// A flood from many addresses costs one core at most and never starves the probes; the right password from
/// a fresh address is checked next.
/// </summary>
public sealed class SignInGate(IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>
    /// What an unknown user name is checked against: random bytes in the shape and the iteration count of
    /// <c>hash-password</c>'s hashes, matched by no password. An unknown name costs the same work as a known one, so
    /// the answer's timing does not tell which names exist.
    /// </summary>
    public const string NobodysHash =
        "pbkdf2-sha256$310000$UekVFitz244A6cJXl+F0xA==$jaKCTCoWS9/CovhUnmhCHriBhx+jmSLh0zRnUIMxcZA=";

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
    private readonly AttemptTable _attempts = new(options.Value.AttemptsPerMinute, time);
    private readonly HashingQueue _hashing = new(time);

    /// <summary>Checks <paramref name="password"/> against <paramref name="hash"/> (the user's, or
    /// <see cref="NobodysHash"/> for a name nobody has), within the client's limit and the hasher's queue.</summary>
    public async Task<SignInVerdict> CheckAsync(IPAddress? client, string password, string? hash,
        CancellationToken cancellationToken)
    {
        if (_attempts.TryRecord(ClientKey(client)) is not { } earlier)
        {
            return SignInVerdict.Limited;
        }

        if (!await _hashing.EnterAsync(earlier, MaxWait, cancellationToken))
        {
            return SignInVerdict.Busy;
        }

        try
        {
            return await Task.Run(() => Passwords.Verify(password, hash), cancellationToken) ? SignInVerdict.Right
                : SignInVerdict.Wrong;
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
}
