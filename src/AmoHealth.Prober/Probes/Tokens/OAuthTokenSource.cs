using System.Text.Json;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>
/// OAuth with amoCRM's single-use refresh tokens: one refresh at a time per account across the cluster
/// (concurrent refreshes revoke each other and cause a 401 storm), the pair re-read from the database before
/// each refresh and the new pair stored there before it is used, refreshed 5 minutes before <c>exp</c>, and
/// at most one refresh per rejected token. The old token file is imported once when the database has no pair.
/// </summary>
public sealed partial class OAuthTokenSource(
    string account,
    OAuthOptions options,
    TokenFile file,
    TokenVault vault,
    TokenExchange exchange,
    ProbeStateStore state,
    TimeProvider time,
    ILogger logger) : ITokenSource
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
                pair = await RefreshOrBackOffAsync(p => p.AccessToken is null || ExpiresSoon(p), cancellationToken);
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
            // Re-read: another Prober may have refreshed since this one last did.
            var pair = _pair = await ReadStoredAsync(cancellationToken) ?? await LoadAsync(cancellationToken);
            if (pair.AccessToken != rejected && pair.AccessToken is not null)
            {
                // Another probe or Prober refreshed while this one waited: use its token, do not refresh again.
                return true;
            }

            if (_fromRejection)
            {
                return false;
            }

            // Another Prober may have refreshed already: then its stored pair is used and nothing is spent.
            var next = await RefreshOrBackOffAsync(p => p.AccessToken is null || p.AccessToken == rejected,
                cancellationToken);
            _fromRejection = true;
            return next.AccessToken != rejected;
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

    /// <summary>The stored pair; on first use, the old token file or the configured refresh token, imported
    /// once.</summary>
    private async Task<TokenPair> LoadAsync(CancellationToken cancellationToken)
    {
        if (await ReadStoredAsync(cancellationToken) is { } stored)
        {
            return _pair = stored;
        }

        TokenPair? fromFile;
        try
        {
            fromFile = await file.LoadAsync(cancellationToken);
        }
        catch (Exception ex) when (
            ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A corrupt or unreadable token file is our credentials problem, never an amoCRM outage.
            throw new TokenUnavailableException(
                $"The OAuth token file {file.Path} cannot be read ({ex.GetType().Name}); fix or remove it and set "
                    + "Monitor:OAuth:RefreshToken.");
        }

        if (fromFile is { RefreshToken: null or "" })
        {
            throw new TokenUnavailableException(
                $"The OAuth token file {file.Path} holds no refresh token; fix or remove it and set "
                    + "Monitor:OAuth:RefreshToken.");
        }

        if (fromFile is null && string.IsNullOrWhiteSpace(options.RefreshToken))
        {
            throw new TokenUnavailableException(
                $"No OAuth tokens for {account} in the database: set Monitor:OAuth:RefreshToken once, or provide "
                    + $"{file.Path} to import.");
        }

        var imported = await vault.ImportAsync(account, fromFile ?? new TokenPair(null, options.RefreshToken!, 0),
            cancellationToken);
        LogImported(logger, account, fromFile is null ? "Monitor:OAuth:RefreshToken" : file.Path);
        return _pair = imported;
    }

    private async Task<TokenPair?> ReadStoredAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await vault.ReadAsync(account, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException
            && !cancellationToken.IsCancellationRequested)
        {
            throw new TokenUnavailableException(
                $"The OAuth tokens of {account} cannot be read from the database ({ex.GetType().Name}).");
        }
    }

    /// <summary>Refreshes unless a recent failure says to wait; any failure is a
    /// <see cref="TokenUnavailableException"/>.</summary>
    private async Task<TokenPair> RefreshOrBackOffAsync(Func<TokenPair, bool> needed,
        CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _retryAt)
        {
            throw new TokenUnavailableException($"{_lastFailure} (next refresh attempt at {_retryAt:HH:mm:ss} UTC)");
        }

        try
        {
            var next = _pair = await vault.RefreshAsync(account, needed, exchange.ExchangeAsync, cancellationToken);
            _backoff = TimeSpan.Zero;
            _retryAt = DateTimeOffset.MinValue;
            await RecordExpiryAsync(next, cancellationToken);
            return next;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _lastFailure = ex is TokenUnavailableException ? ex.Message
                : $"Refreshing the OAuth token failed: {Describe(ex)}";
            _backoff = _backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks,
                _backoff.Ticks * 2));
            _retryAt = time.GetUtcNow() + _backoff;
            throw ex as TokenUnavailableException ?? new TokenUnavailableException(_lastFailure);
        }
    }

    /// <summary>For the dashboard's expiry warning only: the pair is stored already, so a failure here costs nothing
    /// else.</summary>
    private async Task RecordExpiryAsync(TokenPair pair, CancellationToken cancellationToken)
    {
        try
        {
            await state.SetAsync(account, ProbeStateKeys.TokenExpires,
                DateTimeOffset.FromUnixTimeSeconds(pair.ExpiresAt), cancellationToken);
        }
        catch (System.Data.Common.DbException ex)
        {
            LogExpiryNotRecorded(logger, ex, account);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException http => $"no answer from amoCRM ({http.HttpRequestError})",
        OperationCanceledException => "amoCRM did not answer in time",
        JsonException or KeyNotFoundException => "amoCRM's answer lacks access_token or refresh_token",
        System.Data.Common.DbException => "the database that holds the tokens failed",
        InvalidOperationException => "amoCRM's answer lacks access_token or refresh_token",
        _ => ex.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Imported the OAuth tokens of {Account} into the database from {Source}")]
    private static partial void LogImported(ILogger logger, string account, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record when the OAuth token of {Account} expires")]
    private static partial void LogExpiryNotRecorded(ILogger logger, Exception exception, string account);
}
