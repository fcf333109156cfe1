using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Evaluation;

namespace AmoHealth.Tests.Fast;

[Trait("Ring", "Fast")]
public sealed class StateMachineTests
{
    private static readonly IReadOnlyList<TimeSpan> Confirmations = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    [Fact]
    public void ASingleFailedProbeIsReCheckedAndNeverOpensAnIncident()
    {
        var (state, decisions) = Run(Outcome.Down, Outcome.Up, Outcome.Up);

        Assert.Equal(TimeSpan.FromSeconds(5), decisions[0].RecheckIn);
        Assert.DoesNotContain(decisions, d => d.OpenIncident || d.CloseIncident);
        Assert.Equal(CheckState.Up, state.State);
    }

    [Fact]
    public void AFailureConfirmedByBothReChecksOpensOneIncident()
    {
        var (state, decisions) = Run(Outcome.Down, Outcome.Down, Outcome.Down, Outcome.Down, Outcome.Down);

        // Re-checks at +5 s and +15 s from the failure.
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], decisions.Take(2)
            .Select(d => d.RecheckIn!.Value));
        Assert.Equal([false, false, true, false, false], decisions.Select(d => d.OpenIncident));
        Assert.Equal(CheckState.Down, state.State);
        Assert.Equal(1_000, state.FailingSince);
    }

    [Fact]
    public void FlappingThatNeverFailsThreeTimesInARowNeverAlerts()
    {
        var (_, decisions) = Run(Outcome.Down, Outcome.Down, Outcome.Up, Outcome.Down, Outcome.Up, Outcome.Throttled,
            Outcome.Down, Outcome.Up);

        Assert.DoesNotContain(decisions, d => d.OpenIncident);
    }

    [Fact]
    public void RecoveryNeedsTwoSuccessesInARow()
    {
        var (state, decisions) = Run(Outcome.Down, Outcome.Down, Outcome.Down, Outcome.Up, Outcome.Down, Outcome.Up,
            Outcome.Degraded);

        Assert.Equal([false, false, false, false, false, false, true], decisions.Select(d => d.CloseIncident));
        Assert.Equal(CheckState.Up, state.State);
        Assert.Null(state.FailingSince);
    }

    [Fact]
    public void ASlowButCorrectAnswerNeverCountsAsAFailure()
    {
        var (_, decisions) = Run(Outcome.Degraded, Outcome.Degraded, Outcome.Degraded);

        Assert.All(decisions, d => Assert.Equal(Decision.None, d));
    }

    private static (CheckStatusRecord State, List<Decision> Decisions) Run(params Outcome[] outcomes)
    {
        var state = new CheckStatusRecord { Account = "acme", CheckType = CheckType.Get, Status = "up" };
        var decisions = outcomes
            .Select((outcome, i) => StateMachine.Apply(state,
                new ProbeResult("acme", CheckType.Get, outcome, 100, 1_000 + i * 5_000L, 200, null), Confirmations,
                    recoverAfter: 2))
            .ToList();
        return (state, decisions);
    }
}
