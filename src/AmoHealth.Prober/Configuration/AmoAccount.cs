namespace AmoHealth.Prober.Configuration;

/// <summary>One watched amoCRM account, resolved from <see cref="MonitorOptions"/>.</summary>
/// <param name="Name">Shown in results and alerts.</param>
/// <param name="BaseUri">Scheme, host and port of the account, without a trailing path.</param>
/// <param name="AccessToken">Bearer token; never logged, never returned by the API.</param>
/// <param name="Settings">The account's settings (the global ones with its overrides); null means the global ones.</param>
public sealed record AmoAccount(string Name, Uri BaseUri, string AccessToken, MonitorOptions? Settings = null)
{
    public static AmoAccount From(MonitorOptions options)
    {
        var baseUri = TryParseBaseUri(options.Domain)
            ?? throw new InvalidOperationException("AMOCRM_DOMAIN is not a valid domain or URL.");
        var name = string.IsNullOrWhiteSpace(options.Account) ? baseUri.Authority : options.Account;
        return new AmoAccount(name, baseUri, options.AccessToken ?? string.Empty, options);
    }

    /// <summary>The seed's account (when <c>AMOCRM_DOMAIN</c> is set) and every listed one.</summary>
    public static IReadOnlyList<AmoAccount> AllFrom(MonitorOptions options)
    {
        var accounts = new List<AmoAccount>();
        if (!string.IsNullOrWhiteSpace(options.Domain))
        {
            accounts.Add(From(options));
        }

        accounts.AddRange(options.Accounts.Select(a => From(options.For(a))));
        return accounts;
    }

    /// <summary>This account's settings, falling back to the global ones.</summary>
    public MonitorOptions SettingsOr(MonitorOptions global) => Settings ?? global;

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
