using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A probe whose behaviour each test sets: it counts its calls and can be held open.</summary>
internal sealed class FakeProbe(string checkType) : IProbe
{
    private int _calls;

    public string CheckType => checkType;

    public int Calls => Volatile.Read(ref _calls);

    public TaskCompletionSource? Gate { get; set; }

    public Exception? Throws { get; set; }

    public async Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Throws is { } exception)
        {
            throw exception;
        }

        return new ProbeResult(account.Name, checkType, Outcome.Up, 42, 0, 200, null);
    }
}
