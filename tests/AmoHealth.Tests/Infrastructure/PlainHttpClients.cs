namespace AmoHealth.Tests.Infrastructure;

/// <summary>An <see cref="IHttpClientFactory"/> of plain clients: no retries, no service discovery.</summary>
public sealed class PlainHttpClients : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new();
}
