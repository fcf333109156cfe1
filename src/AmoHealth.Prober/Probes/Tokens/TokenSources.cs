using System.Collections.Concurrent;
using System.Globalization;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>One token source per account: OAuth when configured, else the long-lived token.</summary>
public sealed class TokenSources(
    IHttpClientFactory httpClients,
    ProbeStateStore state,
    TimeProvider time,
    ILoggerFactory loggers,
    Safety.AccountGuards guards)
{
    public const string HttpClientName = "amocrm-oauth";
    private readonly ConcurrentDictionary<string, ITokenSource> _sources = new(StringComparer.Ordinal);

    public ITokenSource For(AmoAccount account) => _sources.GetOrAdd(account.Name, _ =>
    {
        var oauth = account.Settings.OAuth;
        if (!oauth.Enabled)
        {
            return new StaticTokenSource(account.AccessToken);
        }

        return new OAuthTokenSource(account.Name, account.BaseUri, oauth, new TokenFile(oauth.TokenFileFor(account.Name)),
            httpClients.CreateClient(HttpClientName), state, time,
            loggers.CreateLogger<OAuthTokenSource>(), guards.For(account.Name));
    });

    /// <summary>Records a long-lived token's expiry (from its JWT) so the dashboard can warn ahead of it.</summary>
    public async Task RecordStaticExpiryAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        if (!account.Settings.OAuth.Enabled && Jwt.ReadExpiry(account.AccessToken) is { } expires)
        {
            await state.SetAsync(account.Name, ProbeStateRecord.TokenExpiresKey,
                expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), cancellationToken);
        }
    }
}
