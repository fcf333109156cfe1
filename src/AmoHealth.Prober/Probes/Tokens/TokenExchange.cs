using System.Text.Json;
using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>
/// amoCRM's <c>POST /oauth2/access_token</c> with a refresh token. It only asks: <see cref="TokenVault"/>
/// decides when, and stores the answer before anyone uses it.
/// </summary>
public sealed partial class TokenExchange(
    string account,
    Uri baseUri,
    OAuthOptions options,
    HttpClient http,
    TimeProvider time,
    ILogger logger,
    Safety.AccountGuard guard)
{
    /// <summary>The new pair for <paramref name="pair"/>'s refresh token; a failure amoCRM names is a
    /// <see cref="TokenUnavailableException"/>.</summary>
    public async Task<TokenPair> ExchangeAsync(TokenPair pair, CancellationToken cancellationToken)
    {
        // A refresh is a request to the account like any probe: it waits its turn in the request budget and
        // is not sent while amoCRM has asked us to pause (429) or has blocked us (403).
        if (guard.Admit() is { } admission)
        {
            if (!admission.Allowed)
            {
                throw new TokenUnavailableException($"Not refreshing the OAuth token: {admission.Reason}");
            }

            if (admission.Wait > TimeSpan.Zero)
            {
                await Task.Delay(admission.Wait, time, cancellationToken);
            }
        }

        var endpoint = new Uri(baseUri, "/oauth2/access_token");
        using var response = await http.PostAsJsonAsync(endpoint, new Dictionary<string, string?>
        {
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = pair.RefreshToken,
            ["redirect_uri"] = options.RedirectUri,
        }, ProbeJsonContext.Default.DictionaryStringString, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        guard.Record(response.StatusCode switch
        {
            System.Net.HttpStatusCode.TooManyRequests => Core.Checks.Outcome.Throttled,
            System.Net.HttpStatusCode.Forbidden when response.Content.Headers.ContentType?.MediaType?.Contains("json",
                StringComparison.OrdinalIgnoreCase) != true
                => Core.Checks.Outcome.Blocked,
            _ when response.IsSuccessStatusCode => Core.Checks.Outcome.Up,
            _ => Core.Checks.Outcome.AuthFailed,
        }, response.Headers.RetryAfter?.Delta);
        if (!response.IsSuccessStatusCode)
        {
            var hint = ReadHint(body);
            LogRefreshFailed(logger, account, (int)response.StatusCode, hint);
            throw new TokenUnavailableException(
                $"Refreshing the OAuth token failed: HTTP {(int)response.StatusCode} {hint}".TrimEnd());
        }

        using var json = JsonDocument.Parse(body);
        var access = json.RootElement.GetProperty("access_token").GetString()
            ?? throw new InvalidOperationException("access_token is null");
        var refresh = json.RootElement.GetProperty("refresh_token").GetString() is { Length: > 0 } r
            ? r
            : throw new InvalidOperationException("refresh_token is missing");
        var expires = Jwt.ReadExpiry(access)
            ?? time.GetUtcNow().AddSeconds(json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(
                out var s) ? s : 86_400);
        LogRefreshed(logger, account, expires);
        return new TokenPair(access, refresh, expires.ToUnixTimeSeconds());
    }

    private static string ReadHint(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("hint", out var hint)
                ? hint.GetString() ?? string.Empty
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Refreshed the OAuth token of {Account}; it expires at {ExpiresAt:u}")]
    private static partial void LogRefreshed(ILogger logger, string account, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refreshing the OAuth token of {Account} failed with HTTP {Status}: {Hint}")]
    private static partial void LogRefreshFailed(ILogger logger, string account, int status, string hint);
}
