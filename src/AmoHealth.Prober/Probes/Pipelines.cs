using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;

namespace AmoHealth.Prober.Probes;

/// <summary>The account's pipeline stages, read from <c>GET /api/v4/leads/pipelines</c> when a fixture needs
/// them.</summary>
internal static class Pipelines
{
    public sealed record Stage(long Id, long PipelineId, int Sort);

    /// <summary>Every stage of every pipeline, or null when amoCRM did not answer with the list.</summary>
    public static async Task<IReadOnlyList<Stage>?> ReadAsync(ProbeClient client, AmoAccount account, string checkType,
        CancellationToken cancellationToken)
    {
        var stages = new List<Stage>();
        var result = await client.SendAsync(account, checkType, ProbeClient.Request.Api(account, HttpMethod.Get,
            "/api/v4/leads/pipelines"), response =>
        {
            if (AnswerClassifier.Judge.Status(response, 200) is { } wrong)
            {
                return wrong;
            }

            try
            {
                using var document = JsonDocument.Parse(response.Body);
                foreach (var pipeline in document.RootElement.GetProperty("_embedded").GetProperty(
                    "pipelines").EnumerateArray())
                {
                    var pipelineId = pipeline.GetProperty("id").GetInt64();
                    foreach (var status in pipeline.GetProperty("_embedded").GetProperty("statuses").EnumerateArray())
                    {
                        stages.Add(new Stage(status.GetProperty("id").GetInt64(), pipelineId,
                            status.TryGetProperty("sort", out var sort) && sort.TryGetInt32(out var s) ? s : 0));
                    }
                }

                return null;
            }
            catch (Exception ex) when (
                ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return "HTTP 200 but the pipelines are not in amoCRM's format";
            }
        }, cancellationToken);
        return result.Outcome.IsSuccess() ? stages : null;
    }
}
