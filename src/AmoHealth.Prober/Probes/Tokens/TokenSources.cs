using System.Collections.Concurrent;
using System.Globalization;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>One token source per account: OAuth when configured, else the long-lived token.</summary>
public sealed class TokenSources(
    IHttpClientFactory httpClients,
    ProbeStateStore state,
    StoreConnections connections,
    IOptions<MonitorOptions> monitor,
    TimeProvider time,
    ILoggerFactory loggers,
    Safety.AccountGuard.Registry guards)
{
    public const string HttpClientName = "amocrm-oauth";
    private readonly ConcurrentDictionary<string, ITokenSource> _sources = new(StringComparer.Ordinal);

    // One key for every account, from the global Monitor:OAuth section; only OAuth accounts need it.
    private readonly Lazy<TokenVault> _vault = new(() => new TokenVault(connections,
        TokenCipher.Create(monitor.Value.OAuth.EncryptionKey, monitor.Value.OAuth.PreviousEncryptionKey), time));

    public ITokenSource For(AmoAccount account) => _sources.GetOrAdd(account.Name, _ =>
    {
        var oauth = account.Settings.OAuth;
        if (!oauth.Enabled)
        {
            return new Static(account.AccessToken);
        }

        var exchange = new TokenExchange(account.Name, account.BaseUri, oauth, httpClients.CreateClient(HttpClientName),
            time,
            loggers.CreateLogger<TokenExchange>(), guards.For(account.Name));
        return new OAuthTokenSource(account.Name, oauth, new TokenFile(oauth.TokenFileFor(account.Name)), _vault.Value,
            exchange,
            state, time, loggers.CreateLogger<OAuthTokenSource>());
    });

    /// <summary>Records a long-lived token's expiry (from its JWT) so the dashboard can warn ahead of it.</summary>
    public async Task RecordStaticExpiryAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        if (!account.Settings.OAuth.Enabled && Jwt.ReadExpiry(account.AccessToken) is { } expires)
        {
            await state.SetAsync(account.Name, ProbeStateKeys.TokenExpires, expires, cancellationToken);
        }
    }

    /// <summary>A long-lived token (1 day to 5 years): nothing to refresh; a 401 means it expired or was
    /// revoked.</summary>
    private sealed class Static(string token) : ITokenSource
    {
        public bool CanRefresh => false;

        public ValueTask<string> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

        public Task<bool> RefreshAfterRejectionAsync(string rejected, CancellationToken cancellationToken) =>
            Task.FromResult(false);
    }
}
