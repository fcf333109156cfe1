using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Live;

/// <summary>Checks the data annotations of <see cref="StreamOptions"/> at start, generated at build time (no
/// reflection).</summary>
[OptionsValidator]
public sealed partial class StreamOptionsValidator : IValidateOptions<StreamOptions>;
