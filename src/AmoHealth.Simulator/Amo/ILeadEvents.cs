namespace AmoHealth.Simulator.Amo;

/// <summary>What amoCRM does after a lead changes: account webhooks and Digital Pipeline actions.</summary>
public interface ILeadEvents
{
    void Added(AccountState.Lead lead);

    void Updated(AccountState.Lead before, AccountState.Lead after);
}
