using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Limits;

/// <summary>Checks the data annotations of <see cref="LimitsOptions"/> at start, generated at build time (no
/// reflection).</summary>
[OptionsValidator]
public sealed partial class LimitsOptionsValidator : IValidateOptions<LimitsOptions>;
