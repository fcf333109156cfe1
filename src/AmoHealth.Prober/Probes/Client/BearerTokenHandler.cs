using System.Net;
using System.Net.Http.Headers;
using AmoHealth.Prober.Probes.Tokens;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// Adds the account's Bearer token to requests marked <see cref="AmoRequest.NeedsToken"/>. A 401 with a token
/// that can be refreshed gets one refresh and one more try (on a copy: a message is sent once); still 401 is
/// a credentials problem, not an outage. A token that cannot be had at all throws <see cref="TokenUnavailableException"/>.
/// </summary>
public sealed class BearerTokenHandler(TokenSources tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(AmoRequest.NeedsToken, out var needsToken) || !needsToken)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var source = tokens.For(ProbeRequest.AccountOf(request));
        var token = await source.GetAsync(cancellationToken);
        var retry = source.CanRefresh ? await CloneAsync(request, cancellationToken) : null;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || retry is null
            || !await source.RefreshAfterRejectionAsync(token, cancellationToken))
        {
            retry?.Dispose();
            return response;
        }

        response.Dispose();
        retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await source.GetAsync(cancellationToken));
        return await base.SendAsync(retry, cancellationToken);
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            clone.Content = new ByteArrayContent(bytes);
            foreach (var header in request.Content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
        }

        return clone;
    }
}
