using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Prober.Probes;

namespace AmoHealth.Prober.Scheduling;

/// <summary>The re-checks evaluation asked for: off the cycle, each started when due.</summary>
public sealed partial class ProbeScheduler
{
    /// <summary>Runs one check again when it is due, unless it is still running then.</summary>
    private void StartRecheck(RecheckRequest request, DateTimeOffset dueAt)
    {
        var target = accounts.FirstOrDefault(a => a.Name == request.Account);
        var probe = _probes.FirstOrDefault(p => p.CheckType == request.CheckType);
        if (target is not null && probe is not null)
        {
            _ = RecheckAsync(target, probe, dueAt);
        }
    }

    private async Task RecheckAsync(AmoAccount account, IProbe probe, DateTimeOffset dueAt)
    {
        try
        {
            var wait = dueAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, _stopping);
            }

            StartProbe(account, probe, recheck: true, _stopping);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: the re-check is moot.
        }
    }
}
