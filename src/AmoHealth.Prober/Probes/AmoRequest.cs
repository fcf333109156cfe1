using System.Net.Http.Headers;
using System.Text;
using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Probes;

/// <summary>Builds requests to an amoCRM account's API; the probe client adds the Bearer token when it sends them.</summary>
internal static class AmoRequest
{
    /// <summary>Marks a request that needs the account's Bearer token.</summary>
    public static readonly HttpRequestOptionsKey<bool> NeedsToken = new("AmoHealth.NeedsToken");

    public static HttpRequestMessage Create(AmoAccount account, HttpMethod method, string pathAndQuery, string? jsonBody = null)
    {
        var request = new HttpRequestMessage(method, account.Resolve(pathAndQuery));
        request.Options.Set(NeedsToken, true);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        return request;
    }
}
