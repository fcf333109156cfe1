using System.Net.Http.Headers;
using System.Text;
using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Probes;

/// <summary>Builds requests to an amoCRM account's API with its Bearer token.</summary>
internal static class AmoRequest
{
    public static HttpRequestMessage Create(AmoAccount account, HttpMethod method, string pathAndQuery, string? jsonBody = null)
    {
        var request = new HttpRequestMessage(method, account.Resolve(pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        return request;
    }
}
