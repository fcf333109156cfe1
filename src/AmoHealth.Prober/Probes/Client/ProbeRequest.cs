using System.Net.Http.Headers;
using System.Text;
using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// What a probe asks for. The call makes a fresh message of it for each attempt: a message is sent once,
/// and the token refresh sends the request again.
/// </summary>
public sealed record ProbeRequest(
    HttpMethod Method,
    Uri Uri,
    string? JsonBody = null,
    bool NeedsToken = false,
    string? Accept = null)
{
    private static readonly ProductInfoHeaderValue UserAgent = new("AmoHealth", "1.0");

    /// <summary>A call to the account's API, with its Bearer token.</summary>
    public static ProbeRequest Api(AmoAccount account, HttpMethod method, string pathAndQuery,
        string? jsonBody = null) =>
        new(method, account.Resolve(pathAndQuery), jsonBody, NeedsToken: true, Accept: "application/json");

    /// <summary>
    /// An API call of the account's own host (<c>/api/</c>, <c>/oauth2/</c>): the ones amoCRM budgets and
    /// throttles. The web UI and a Digital Pipeline URL are not.
    /// </summary>
    public bool IsApiOf(AmoAccount account) =>
        string.Equals(Uri.Authority, account.BaseUri.Authority, StringComparison.OrdinalIgnoreCase)
        && (Uri.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal)
            || Uri.AbsolutePath.StartsWith("/oauth2/", StringComparison.Ordinal));

    public HttpRequestMessage ToMessage(string? token)
    {
        var message = new HttpRequestMessage(Method, Uri);
        // A fresh connection per probe: what a new client of amoCRM pays is what we measure.
        message.Headers.ConnectionClose = true;
        message.Headers.UserAgent.Add(UserAgent);
        if (Accept is not null)
        {
            message.Headers.Accept.ParseAdd(Accept);
        }

        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (JsonBody is not null)
        {
            message.Content = new StringContent(JsonBody, Encoding.UTF8, "application/json");
        }

        return message;
    }
}
