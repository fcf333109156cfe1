using AmoHealth.ServiceDefaults.Access;
using Microsoft.Extensions.Options;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// Fail closed: <c>Auth:Mode=None</c> only in Development with every listening address on loopback (a
/// developer's own machine, the AppHost's demo). Anywhere else the Gateway stops at start and says so.
/// </summary>
public sealed class AnonymousAccess(IHostEnvironment environment, IConfiguration configuration)
    : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (options.Mode != AuthMode.None)
        {
            return ValidateOptionsResult.Success;
        }

        var urls = ListenAddresses.From(configuration);
        return environment.IsDevelopment() && ListenAddresses.AreLoopbackOnly(urls)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Auth:Mode is None (no sign-in), which is allowed only in Development on loopback; here the " +
                    $"environment is " +
                $"{environment.EnvironmentName} and the Gateway listens on {string.Join(", ", urls)}. Set Auth:Mode " +
                    $"to Login " +
                "(Auth:User, Auth:PasswordHash from 'AmoHealth.Gateway hash-password') or Proxy.");
    }
}
