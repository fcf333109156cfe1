using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// A session names the credentials it was opened with: a digest of the user and the password hash, checked on
/// every request. A new <c>Auth:PasswordHash</c> (or user) ends every session opened before it.
/// </summary>
public static class SessionStamp
{
    public const string ClaimType = "amohealth:stamp";

    public static string For(AuthOptions options)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{options.User}\n{options.PasswordHash}"));
        return Convert.ToBase64String(digest, 0, 16);
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (context.Principal?.FindFirst(ClaimType)?.Value == For(options))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public static Claim Claim(AuthOptions options) => new(ClaimType, For(options));
}
