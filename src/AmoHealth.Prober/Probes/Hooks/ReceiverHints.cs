using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// At start, says where each account's Digital Pipeline action must send its webhook: the whole receiver URL
/// with <c>account=</c> and <c>probe=dp</c> (with two accounts, a URL without them cannot be matched), the
/// secret shown as <c>{Monitor:HookSecret}</c>. Logged, and kept in <c>probe_state</c> for <c>/api/info</c>.
/// </summary>
public sealed partial class ReceiverHints(
    IReadOnlyList<AmoAccount> accounts,
    IOptions<MonitorOptions> options,
    ProbeStateStore state,
    ILogger<ReceiverHints> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var account in accounts)
        {
            var settings = account.Settings;
            if (settings.DpMode != DpMode.E2e)
            {
                continue;
            }

            var url = options.Value.MaskedReceiverUrl(account.Name, dp: true);
            LogDpAction(logger, account.Name, settings.DpStageId ?? 0, url);
            try
            {
                await state.SetAsync(account.Name, Core.Storage.ProbeStateKeys.DpAction,
                    new Core.Storage.DpAction(settings.DpStageId ?? 0, url), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSaveFailed(logger, ex, account.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Digital Pipeline of {Account}: stage {StageId} needs the action \"send webhook\" to {Url} (the "
            + "secret is Monitor:HookSecret)")]
    private static partial void LogDpAction(ILogger logger, string account, long stageId, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the Digital Pipeline action URL of {Account}")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string account);
}
