using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Info;

/// <summary>Checks the data annotations of <see cref="DashboardOptions"/> at start, generated at build time (no
/// reflection).</summary>
[OptionsValidator]
public sealed partial class DashboardOptionsValidator : IValidateOptions<DashboardOptions>;
