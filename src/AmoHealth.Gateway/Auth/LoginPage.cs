using System.Net;

namespace AmoHealth.Gateway.Auth;

/// <summary>The sign-in page: plain HTML, a form and an external stylesheet, so it works under the strict
/// CSP.</summary>
public static class LoginPage
{
    public static string Render(string returnUrl, bool failed, string acceptLanguage)
    {
        var english = acceptLanguage.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        string T(string ru, string en) => english ? en : ru;
        var error = failed
            ? "<p class=\"error\" role=\"alert\">"
                + T("Неверный пользователь или пароль.", "Wrong user or password.")
                + "</p>"
            : string.Empty;
        return $"""
            <!doctype html>
            <html lang="{(english ? "en" : "ru")}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta name="color-scheme" content="light dark">
              <title>AmoHealth — {T("вход", "sign in")}</title>
              <link rel="stylesheet" href="/login.css">
              <link rel="icon" href="/favicon.svg" type="image/svg+xml">
            </head>
            <body>
              <main>
                <h1>AmoHealth</h1>
                {error}
                <form method="post" action="/auth/login">
                  <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
                  <label>{T("Пользователь", "User")}
                    <input name="user" autocomplete="username" required autofocus></label>
                  <label>{T("Пароль", "Password")}
                    <input name="password" type="password" autocomplete="current-password" required></label>
                  <button type="submit">{T("Войти", "Sign in")}</button>
                </form>
              </main>
            </body>
            </html>
            """;
    }
}
