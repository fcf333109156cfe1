namespace AmoHealth.Prober.Configuration;

/// <summary>One watched amoCRM account, resolved from <see cref="MonitorOptions"/>.</summary>
/// <param name="Name">Shown in results and alerts.</param>
/// <param name="BaseUri">Scheme, host and port of the account, without a trailing path.</param>
/// <param name="AccessToken">Bearer token; never logged, never returned by the API.</param>
/// <param name="Settings">The account's settings, resolved once: the global ones with its overrides.</param>
public sealed record AmoAccount(string Name, Uri BaseUri, string AccessToken, AccountSettings Settings)
{
    /// <summary>An account with the default settings.</summary>
    public AmoAccount(string name, Uri baseUri, string accessToken)
        : this(name, baseUri, accessToken, AccountSettings.Defaults)
    {
    }

    /// <summary>The seed's account (when <c>AMOCRM_DOMAIN</c> is set) and every listed one.</summary>
    public static IReadOnlyList<AmoAccount> AllFrom(MonitorOptions options)
    {
        var accounts = new List<AmoAccount>();
        if (!string.IsNullOrWhiteSpace(options.Domain))
        {
            var baseUri = TryParseBaseUri(options.Domain)
                ?? throw new InvalidOperationException("AMOCRM_DOMAIN is not a valid domain or URL.");
            var name = string.IsNullOrWhiteSpace(options.Account) ? baseUri.Authority : options.Account;
            accounts.Add(
                new AmoAccount(name, baseUri, options.AccessToken ?? string.Empty, AccountSettings.Resolve(options)));
        }

        accounts.AddRange(options.Accounts.Select(a => new AmoAccount(
            a.Name!, TryParseBaseUri(a.Domain)
                ?? throw new InvalidOperationException($"Monitor:Accounts ({a.Name}): not a valid domain or URL."),
            a.AccessToken ?? string.Empty, AccountSettings.Resolve(options, a))));
        return accounts;
    }

    /// <summary>A bare domain means https; a URL keeps its scheme and port (a local simulator).</summary>
    public static Uri? TryParseBaseUri(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var text = domain.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
               && uri.Scheme is "http" or "https"
               && !string.IsNullOrEmpty(uri.Host)
            ? new Uri(uri.GetLeftPart(UriPartial.Authority))
            : null;
    }

    public Uri Resolve(string pathAndQuery) => new(BaseUri, pathAndQuery);

    /// <summary>Keeps the token out of any accidental log of the record.</summary>
    public override string ToString() => $"{Name} ({BaseUri})";
}
