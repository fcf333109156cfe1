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

    /// <summary>
    /// The first refresh token, used only while <see cref="TokenFile"/> does not exist yet. After that the
    /// file holds the current pair: amoCRM's refresh tokens are single use.
    /// </summary>
    public string? RefreshToken { get; set; }

    /// <summary>
    /// Where the rotating pair is kept (0600). Default <c>~/.local/share/amohealth/tokens/{account}.json</c>:
    /// outside any release directory, so a deploy never loses it.
    /// </summary>
    public string? TokenFile { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    public string TokenFileFor(string account) => TokenFile ?? Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "amohealth", "tokens", string.Concat(account.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_')) + ".json");
}
