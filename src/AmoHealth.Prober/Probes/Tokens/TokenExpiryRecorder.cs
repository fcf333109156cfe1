using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>At start, records when each long-lived token expires (OAuth accounts record it at each refresh).</summary>
public sealed partial class TokenExpiryRecorder(IReadOnlyList<AmoAccount> accounts, TokenSources tokens,
    ILogger<TokenExpiryRecorder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var account in accounts)
        {
            try
            {
                await tokens.RecordStaticExpiryAsync(account, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Only the dashboard's expiry warning depends on it; probing must not stop for it.
                LogFailed(logger, ex, account.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record when the token of {Account} expires")]
    private static partial void LogFailed(ILogger logger, Exception exception, string account);
}
