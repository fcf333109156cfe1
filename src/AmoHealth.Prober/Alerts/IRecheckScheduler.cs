namespace AmoHealth.Prober.Alerts;

/// <summary>Runs one check again soon, outside its cycle, to confirm a failure or a recovery.</summary>
public interface IRecheckScheduler
{
    void RequestRecheck(string account, string checkType, TimeSpan delay);
}
