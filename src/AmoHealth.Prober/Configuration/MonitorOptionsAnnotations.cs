using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Configuration;

/// <summary>Checks the data annotations of <see cref="MonitorOptions"/> at start, generated at build time (no
/// reflection); <see cref="MonitorOptionsValidator"/> checks the rest.</summary>
[OptionsValidator]
public sealed partial class MonitorOptionsAnnotations : IValidateOptions<MonitorOptions>;
