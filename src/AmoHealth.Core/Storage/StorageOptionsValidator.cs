using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Storage;

/// <summary>The data annotations of <see cref="StorageOptions"/>, checked by generated code (no reflection).</summary>
[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
