using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>Checks <see cref="AlertOptions"/> at start, generated at build time (no reflection).</summary>
[OptionsValidator]
public sealed partial class AlertOptionsValidator : IValidateOptions<AlertOptions>;
