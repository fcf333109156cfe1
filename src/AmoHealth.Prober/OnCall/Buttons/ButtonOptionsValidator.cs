using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>A short action secret makes a button's signature guessable: the start fails naming the key.</summary>
public sealed class ButtonOptionsValidator : IValidateOptions<ButtonOptions>
{
    public const int MinSecretLength = 24;

    public ValidateOptionsResult Validate(string? name, ButtonOptions options) =>
        options.ActionSecret is { Length: > 0 and < MinSecretLength }
            ? ValidateOptionsResult.Fail($"Alerts:ActionSecret must be at least {MinSecretLength} characters.")
            : ValidateOptionsResult.Success;
}
