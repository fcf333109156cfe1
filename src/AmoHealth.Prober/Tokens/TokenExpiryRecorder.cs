using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Tokens;

/// <summary>At start, records when each long-lived token expires (OAuth accounts record it at each refresh).</summary>
public sealed class TokenExpiryRecorder(IReadOnlyList<AmoAccount> accounts, TokenSources tokens) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var account in accounts)
        {
            await tokens.RecordStaticExpiryAsync(account, stoppingToken);
        }
    }
}
