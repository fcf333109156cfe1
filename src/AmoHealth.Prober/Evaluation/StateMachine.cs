using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Evaluation;

/// <summary>Per account and check: <c>up → suspect → down → recovering → up</c>. A failure is only believed after every
/// confirmation re-check fails too; an incident closes after enough consecutive successes. A slow but correct answer
/// (<c>degraded</c>) is a success here.</summary>
public static class StateMachine
{
    /// <summary>Moves <paramref name="state"/> on by one result (known to be the newest) and says what to do.</summary>
    public static Decision Apply(
        CheckStatusRecord state,
        ProbeResult result,
        IReadOnlyList<TimeSpan> confirmations,
        int recoverAfter)
    {
        var ok = result.Outcome.IsSuccess();
        switch (state.State)
        {
            case CheckState.Suspect when ok:
                return Reset(state);
            case CheckState.Suspect:
                state.Streak++;
                if (state.Streak > confirmations.Count)
                {
                    state.State = CheckState.Down;
                    state.Streak = 0;
                    return new Decision(OpenIncident: true, CloseIncident: false, RecheckIn: null);
                }

                // The delays count from the first failure: re-checks at +5 s and +15 s, not +5 s and +20 s.
                return new Decision(false, false, confirmations[state.Streak - 1] - confirmations[state.Streak - 2]);
            case CheckState.Down when ok:
                state.State = CheckState.Recovering;
                state.Streak = 1;
                return recoverAfter <= 1 ? Close(state) : new Decision(false, false, confirmations.FirstOrDefault());
            case CheckState.Down:
                return Decision.None;
            case CheckState.Recovering when ok:
                state.Streak++;
                return state.Streak >= recoverAfter ? Close(state) : new Decision(false, false,
                    confirmations.FirstOrDefault());
            case CheckState.Recovering:
                state.State = CheckState.Down;
                state.Streak = 0;
                return Decision.None;
            default:
                if (ok)
                {
                    return Reset(state);
                }

                state.State = CheckState.Suspect;
                state.Streak = 1;
                state.FailingSince = result.Timestamp;
                return confirmations.Count == 0
                    ? Apply(state, result, confirmations, recoverAfter)
                    : new Decision(false, false, confirmations[0]);
        }
    }

    public static Decision Reset(CheckStatusRecord state)
    {
        state.State = CheckState.Up;
        state.Streak = 0;
        state.FailingSince = null;
        return Decision.None;
    }

    private static Decision Close(CheckStatusRecord state)
    {
        Reset(state);
        return new Decision(OpenIncident: false, CloseIncident: true, RecheckIn: null);
    }
}
