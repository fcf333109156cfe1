using System.Text.Json;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>
/// OAuth with amoCRM's single-use refresh tokens: one refresh at a time per account (concurrent refreshes
/// revoke each other and cause a 401 storm), the new pair stored before it is used, refreshed 5 minutes
/// before <c>exp</c>, and at most one refresh per rejected token.
/// </summary>
public sealed partial class OAuthTokenSource(
    string account,
    Uri baseUri,
    OAuthOptions options,
    TokenFile file,
    HttpClient http,
    ProbeStateStore state,
    TimeProvider time,
    ILogger logger,
    Probes.Safety.AccountGuard guard) : ITokenSource
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TokenPair? _pair;

    // After a failed refresh, no request goes to /oauth2/access_token until this time: every probe would
    // otherwise ask again (and a broken answer costs the same every time).
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private TimeSpan _backoff = TimeSpan.Zero;
    private string? _lastFailure;

    // A token that came from a 401-driven refresh and is rejected too is not a stale token: a 401 for a
    // missing scope would otherwise rotate the pair every cycle. Only its natural expiry refreshes it.
    private bool _fromRejection;

    public bool CanRefresh => true;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var pair = _pair;
        if (pair?.AccessToken is { } current && !ExpiresSoon(pair))
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            pair = _pair ?? await LoadAsync(cancellationToken);
            if (pair.AccessToken is null || ExpiresSoon(pair))
            {
                pair = await RefreshOrBackOffAsync(pair, cancellationToken);
                _fromRejection = false;
            }

            return pair.AccessToken!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> RefreshAfterRejectionAsync(string rejected, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var pair = _pair ?? await LoadAsync(cancellationToken);
            if (pair.AccessToken != rejected && pair.AccessToken is not null)
            {
                // Another probe refreshed while this one waited: use its token, do not refresh again.
                return true;
            }

            if (_fromRejection)
            {
                return false;
            }

            await RefreshOrBackOffAsync(pair, cancellationToken);
            _fromRejection = true;
            return true;
        }
        catch (TokenUnavailableException)
        {
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool ExpiresSoon(TokenPair pair) =>
        DateTimeOffset.FromUnixTimeSeconds(pair.ExpiresAt) - RefreshAhead <= time.GetUtcNow();

    private async Task<TokenPair> LoadAsync(CancellationToken cancellationToken)
    {
        TokenPair? stored;
        try
        {
            stored = await file.LoadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A corrupt or unreadable token file is our credentials problem, never an amoCRM outage.
            throw new TokenUnavailableException($"The OAuth token file {file.Path} cannot be read ({ex.GetType().Name}); fix or remove it and set Monitor:OAuth:RefreshToken.");
        }

        if (stored is { RefreshToken: null or "" })
        {
            throw new TokenUnavailableException($"The OAuth token file {file.Path} holds no refresh token; fix or remove it and set Monitor:OAuth:RefreshToken.");
        }

        if (stored is not null)
        {
            return _pair = stored;
        }

        if (string.IsNullOrWhiteSpace(options.RefreshToken))
        {
            throw new TokenUnavailableException(
                $"No OAuth tokens for {account}: set Monitor:OAuth:RefreshToken once, or provide {file.Path}.");
        }

        return _pair = new TokenPair(null, options.RefreshToken, 0);
    }

    /// <summary>Refreshes unless a recent failure says to wait; any failure is a <see cref="TokenUnavailableException"/>.</summary>
    private async Task<TokenPair> RefreshOrBackOffAsync(TokenPair pair, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _retryAt)
        {
            throw new TokenUnavailableException($"{_lastFailure} (next refresh attempt at {_retryAt:HH:mm:ss} UTC)");
        }

        try
        {
            var next = await RefreshAsync(pair, cancellationToken);
            _backoff = TimeSpan.Zero;
            _retryAt = DateTimeOffset.MinValue;
            return next;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _lastFailure = ex is TokenUnavailableException ? ex.Message : $"Refreshing the OAuth token failed: {Describe(ex)}";
            _backoff = _backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _backoff.Ticks * 2));
            _retryAt = time.GetUtcNow() + _backoff;
            throw ex as TokenUnavailableException ?? new TokenUnavailableException(_lastFailure);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException http => $"no answer from amoCRM ({http.HttpRequestError})",
        OperationCanceledException => "amoCRM did not answer in time",
        JsonException or KeyNotFoundException or InvalidOperationException => "amoCRM's answer lacks access_token or refresh_token",
        _ => ex.GetType().Name,
    };

    /// <summary>Exchanges the refresh token; the new pair is on disk before anyone uses it.</summary>
    private async Task<TokenPair> RefreshAsync(TokenPair pair, CancellationToken cancellationToken)
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

        using var response = await http.PostAsJsonAsync(new Uri(baseUri, "/oauth2/access_token"), new Dictionary<string, string?>
        {
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = pair.RefreshToken,
            ["redirect_uri"] = options.RedirectUri,
        }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        guard.Record(response.StatusCode switch
        {
            System.Net.HttpStatusCode.TooManyRequests => Core.Checks.Outcome.Throttled,
            System.Net.HttpStatusCode.Forbidden when response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true
                => Core.Checks.Outcome.Blocked,
            _ when response.IsSuccessStatusCode => Core.Checks.Outcome.Up,
            _ => Core.Checks.Outcome.AuthFailed,
        }, response.Headers.RetryAfter?.Delta);
        if (!response.IsSuccessStatusCode)
        {
            var hint = ReadHint(body);
            LogRefreshFailed(logger, account, (int)response.StatusCode, hint);
            throw new TokenUnavailableException($"Refreshing the OAuth token failed: HTTP {(int)response.StatusCode} {hint}".TrimEnd());
        }

        using var json = JsonDocument.Parse(body);
        var access = json.RootElement.GetProperty("access_token").GetString()
            ?? throw new InvalidOperationException("access_token is null");
        var refresh = json.RootElement.GetProperty("refresh_token").GetString() is { Length: > 0 } r
            ? r
            : throw new InvalidOperationException("refresh_token is missing");
        var expires = Jwt.ReadExpiry(access)
            ?? time.GetUtcNow().AddSeconds(json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 86_400);
        var next = new TokenPair(access, refresh, expires.ToUnixTimeSeconds());

        await file.SaveAsync(next, cancellationToken);
        _pair = next;
        await state.SetAsync(account, ProbeStateRecord.TokenExpiresKey, expires.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        LogRefreshed(logger, account, expires);
        return next;
    }

    private static string ReadHint(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("hint", out var hint) ? hint.GetString() ?? string.Empty : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the OAuth token of {Account}; it expires at {ExpiresAt:u}")]
    private static partial void LogRefreshed(ILogger logger, string account, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the OAuth token of {Account} failed with HTTP {Status}: {Hint}")]
    private static partial void LogRefreshFailed(ILogger logger, string account, int status, string hint);
}
