using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Storage;

/// <summary>The ranges and the order of <see cref="RetentionOptions"/>, checked by generated code (no
/// reflection).</summary>
[OptionsValidator]
public sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;
