using System.Text;
using System.Text.Json;
using AmoHealth.ServiceDefaults.Access;

namespace AmoHealth.Tests.Integration.OnCall;

/// <summary>Calls <c>POST /internal/oncall</c> as the Api does: the command as JSON, the Gateway's user and role
/// headers.</summary>
public static class OnCallCalls
{
    public static async Task<JsonElement> SendAsync(HttpClient prober, string user, string? role, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/oncall")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ActorHeaders.User, Uri.EscapeDataString(user));
        if (role is not null)
        {
            request.Headers.Add(ActorHeaders.Role, role);
        }

        using var response = await prober.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string Status(this JsonElement reply) => reply.GetProperty("status").GetString()!;

    public static long Id(this JsonElement reply) => reply.GetProperty("id").GetInt64();

    public static string Message(this JsonElement reply) => reply.GetProperty("message").GetString()!;
}
