using System.Text;

namespace AmoHealth.Gateway.Auth;

/// <summary>Where a sign-in may send the browser next.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// Only a path on this site: never an open redirect. ASP.NET Core's rules (a leading <c>/</c>, not <c>//</c>
    /// or <c>/\</c>), and no control character, white space or backslash anywhere: browsers drop a tab or a
    /// newline from a URL (<c>/%09/evil.example</c> becomes <c>//evil.example</c>) and read <c>\</c> as <c>/</c>.
    /// Letters beyond ASCII are percent-encoded (a header holds ASCII only). The redirect itself is a
    /// <c>LocalRedirect</c>, which checks again.
    /// </summary>
    public static string LocalOnly(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\'))
        && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
        && AsciiOnly(returnUrl) is { } ascii
            ? ascii
            : "/";

    private static string? AsciiOnly(string url)
    {
        if (url.All(char.IsAscii))
        {
            return url;
        }

        var ascii = new StringBuilder(url.Length * 3);
        for (var i = 0; i < url.Length;)
        {
            var start = i;
            while (i < url.Length && !char.IsAscii(url[i]))
            {
                i++;
            }

            if (i == start)
            {
                ascii.Append(url[i++]);
                continue;
            }

            try
            {
                ascii.Append(Uri.EscapeDataString(url[start..i]));
            }
            catch (UriFormatException)
            {
                return null; // A lone surrogate: not a URL anyone meant.
            }
        }

        return ascii.ToString();
    }
}
