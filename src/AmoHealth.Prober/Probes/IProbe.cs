using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Probes;

/// <summary>One of the five checks. Implementations are registered with <c>AddProbe&lt;T&gt;()</c>.</summary>
public interface IProbe
{
    /// <summary>One of <see cref="Core.Checks.CheckType.All"/>.</summary>
    string CheckType { get; }

    /// <summary>Probes <paramref name="account"/> once. Never throws for a failure of the target: that is a
    /// result.</summary>
    Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken);
}
