using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.OAuth;

/// <summary>
/// Issued tokens and their rules: authorization codes live 20 minutes and are single use; refresh tokens
/// live 3 months and are single use (each refresh rotates the pair); long-lived tokens cannot be refreshed.
/// </summary>
public sealed class TokenStore(JwtIssuer jwt, TimeProvider time, IOptions<SimulatorOptions> options)
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(90);

    private readonly ConcurrentDictionary<string, AccessGrant> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _refresh = new(StringComparer.Ordinal);
    private readonly List<RefreshAttempt> _refreshes = [];
    private readonly Lock _lock = new();
    private volatile bool _revoked;

    public enum TokenState
    {
        Valid,
        Unknown,
        Expired,
    }

    /// <summary>Whether a Bearer token may call the API, and whether it carries admin rights.</summary>
    public (TokenState State, bool Admin) Check(string token)
    {
        if (_revoked)
        {
            return (TokenState.Unknown, false);
        }

        if (options.Value.AccessTokens.Contains(token, StringComparer.Ordinal))
        {
            return (TokenState.Valid, true);
        }

        if (!_access.TryGetValue(token, out var grant))
        {
            return (TokenState.Unknown, false);
        }

        return (grant.Expires <= time.GetUtcNow() ? TokenState.Expired : TokenState.Valid, grant.Admin);
    }

    /// <summary>What disconnecting the integration in the account does: every access token stops working.</summary>
    public void RevokeAll() => _revoked = true;

    /// <summary>Control only: the integration is connected again and its tokens work.</summary>
    public void Reconnect() => _revoked = false;

    /// <summary>What the user's consent screen would hand the integration's redirect URI.</summary>
    public string IssueCode()
    {
        var code = "def50200" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(48));
        lock (_lock)
        {
            _codes[code] = new Grant(time.GetUtcNow() + CodeLifetime);
        }

        return code;
    }

    /// <summary>A long-lived token, as generated under the integration's "Ключи" tab (1 day to 5 years).</summary>
    public string IssueLongLived(TimeSpan lifetime, bool admin)
    {
        var now = time.GetUtcNow();
        var token = jwt.Issue(now, now + lifetime, grantType: string.Empty);
        _access[token] = new AccessGrant(now + lifetime, admin);
        return token;
    }

    public TokenResult ExchangeCode(string code) => Redeem(_codes, code, "authorization code");

    public TokenResult Refresh(string refreshToken)
    {
        var result = Redeem(_refresh, refreshToken, "refresh token");
        lock (_lock)
        {
            _refreshes.Add(new RefreshAttempt(refreshToken, result.Hint, time.GetUtcNow().ToUnixTimeMilliseconds()));
        }

        return result;
    }

    /// <summary>
    /// Every refresh token presented, in order, with amoCRM's refusal (null when it was redeemed): a spent one says
    /// "Token has been revoked".
    /// </summary>
    public IReadOnlyList<RefreshAttempt> Refreshes
    {
        get
        {
            lock (_lock)
            {
                return [.. _refreshes];
            }
        }
    }

    private TokenResult Redeem(Dictionary<string, Grant> grants, string secret, string kind)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!grants.TryGetValue(secret, out var grant))
            {
                return TokenResult.Fail($"Cannot decrypt the {kind}");
            }

            if (grant.Used)
            {
                return TokenResult.Fail(kind == "authorization code" ? "Authorization code has been revoked"
                    : "Token has been revoked");
            }

            if (grant.Expires <= now)
            {
                return TokenResult.Fail(kind == "authorization code" ? "Authorization code has expired"
                    : "Token has expired");
            }

            grants[secret] = grant with { Used = true };
            var lifetime = TimeSpan.FromSeconds(options.Value.Integration.AccessTokenSeconds);
            var access = jwt.Issue(now, now + lifetime, grantType: string.Empty);
            _access[access] = new AccessGrant(now + lifetime, Admin: true);
            var refresh = "def50200" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(96));
            _refresh[refresh] = new Grant(now + RefreshLifetime);
            return new TokenResult(access, refresh, (int)lifetime.TotalSeconds, null);
        }
    }

    /// <summary>A refresh token presented at <see cref="Time"/> (Unix ms), and why it was refused (null:
    /// redeemed).</summary>
    public sealed record RefreshAttempt(string Token, string? Refusal, long Time);

    private sealed record Grant(DateTimeOffset Expires, bool Used = false);

    private sealed record AccessGrant(DateTimeOffset Expires, bool Admin);

    /// <summary>Either a new pair or the OAuth <c>hint</c> of why not.</summary>
    public sealed record TokenResult(string? AccessToken, string? RefreshToken, int ExpiresIn, string? Hint)
    {
        public static TokenResult Fail(string hint) => new(null, null, 0, hint);
    }
}
