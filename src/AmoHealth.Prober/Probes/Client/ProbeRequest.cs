using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>What travels with a probe request through the pipeline (in <see cref="HttpRequestMessage.Options"/>).</summary>
public static class ProbeRequest
{
    /// <summary>The account the request is for: the guard and the token handler act per account.</summary>
    public static readonly HttpRequestOptionsKey<AmoAccount> Account = new("AmoHealth.Account");

    public static AmoAccount AccountOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Account, out var account) ? account : throw new InvalidOperationException("A probe request names no account.");

    /// <summary>An API call of the account's own host (<c>/api/</c>, <c>/oauth2/</c>): the ones amoCRM budgets and throttles.</summary>
    public static bool IsApi(AmoAccount account, HttpRequestMessage request) =>
        request.RequestUri is { } uri
        && string.Equals(uri.Authority, account.BaseUri.Authority, StringComparison.OrdinalIgnoreCase)
        && (uri.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) || uri.AbsolutePath.StartsWith("/oauth2/", StringComparison.Ordinal));
}
