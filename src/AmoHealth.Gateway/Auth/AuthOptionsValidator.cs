using Microsoft.Extensions.Options;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// <see cref="AuthOptions"/>' ranges and its own <see cref="AuthOptions.Validate"/> rules, checked by generated code
/// (no reflection over the options type, so the native build keeps every rule).
/// </summary>
[OptionsValidator]
public sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;
