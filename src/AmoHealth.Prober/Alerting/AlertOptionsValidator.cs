using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>
/// Checks the data annotations and the own rules of <see cref="AlertOptions"/> at start, generated at build time (no
/// reflection).
/// </summary>
[OptionsValidator]
public sealed partial class AlertOptionsValidator : IValidateOptions<AlertOptions>;
