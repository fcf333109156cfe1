namespace AmoHealth.Prober.Configuration;

/// <summary>OAuth instead of a long-lived token. Section <c>Monitor:OAuth</c>.</summary>
public sealed class OAuthOptions
{
    /// <summary>Integration id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Integration secret. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The integration's redirect URI, exactly as in amoCRM (trailing slash included).</summary>
    public string? RedirectUri { get; set; }

    /// <summary>The first refresh token, imported into the database once, when it holds no pair for the account and
    /// there is no <see cref="TokenFile"/> to import. After that the database holds the current pair: amoCRM's refresh
    /// tokens are single use.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>A token file of an earlier version (<c>~/.local/share/amohealth/tokens/{account}.json</c> by default),
    /// imported into the database once when it holds no pair for the account. Never written any more.</summary>
    public string? TokenFile { get; set; }

    /// <summary>The key that encrypts the OAuth pairs in the database: 32 random bytes in base64, the same on every
    /// Prober. Required when any account uses OAuth; read from the <c>Monitor:OAuth</c> section only. A
    /// secret.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>While the key is replaced: the key before <see cref="EncryptionKey"/>, still accepted for reading until
    /// each pair is stored again under the new key (at its next refresh). Default none. A secret.</summary>
    public string? PreviousEncryptionKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The 32 bytes of a base64 <see cref="EncryptionKey"/>, or null when it is not that.</summary>
    public static byte[]? DecodeKey(string? base64)
    {
        var key = new byte[32];
        return !string.IsNullOrWhiteSpace(base64) && Convert.TryFromBase64String(base64.Trim(), key, out var written)
            && written == key.Length
            ? key
            : null;
    }

    public string TokenFileFor(string account) => TokenFile ?? Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.Create),
        "amohealth", "tokens",
            string.Concat(account.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_')) + ".json");
}
