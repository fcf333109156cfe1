namespace AmoHealth.Core.Storage;

/// <summary>An account's OAuth pair (table <c>oauth_tokens</c>), shared by every Prober that may probe the account.
/// Both tokens are encrypted (AES-GCM, the account's name as associated data) with the Probers' key; the refresh
/// token's SHA-256 is the compare-and-swap key of a refresh, so only one rotation of a pair is ever stored.</summary>
public sealed class OAuthTokenRecord
{
    public required string Account { get; set; }

    /// <summary>Encrypted; null until the first refresh.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Encrypted.</summary>
    public required string RefreshToken { get; set; }

    /// <summary>SHA-256 of the plain refresh token, hex.</summary>
    public required string RefreshTokenHash { get; set; }

    /// <summary>When the access token expires, Unix seconds (0 before the first refresh).</summary>
    public long ExpiresAt { get; set; }

    /// <summary>When the pair was stored, Unix milliseconds.</summary>
    public long UpdatedAt { get; set; }
}
