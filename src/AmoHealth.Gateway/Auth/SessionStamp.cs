using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// A session names the credentials it was opened with: a digest of the user, their password hash and their role,
/// checked on every request. A new password hash or role for a user (or the user's removal) ends that user's
/// sessions opened before it; other users stay signed in.
/// </summary>
public static class SessionStamp
{
    public const string ClaimType = "amohealth:stamp";

    public static string For(KnownUser user)
    {
        var digest = SHA256.HashData(
            Encoding.UTF8.GetBytes($"{user.Name}\n{user.PasswordHash}\n{user.Role.ToName()}"));
        return Convert.ToBase64String(digest, 0, 16);
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var principal = context.Principal;
        if (principal is not null && UserDirectory.Find(options, principal.Identity?.Name) is { } user
            && principal.FindFirst(ClaimType)?.Value == For(user)
            && principal.FindFirst(ClaimTypes.Role)?.Value == user.Role.ToName())
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public static Claim Claim(KnownUser user) => new(ClaimType, For(user));
}
