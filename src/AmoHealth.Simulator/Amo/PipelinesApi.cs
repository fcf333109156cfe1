namespace AmoHealth.Simulator.Amo;

/// <summary>The account's one pipeline and its stages (<c>GET /api/v4/leads/pipelines</c>), where Digital Pipeline
/// lives.</summary>
public static class PipelinesApi
{
    public static RouteGroupBuilder MapPipelinesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/leads/pipelines", GetPipelines);
        return api;
    }

    private static IResult GetPipelines(HttpRequest request) => Hal.Ok(new Dictionary<string, object?>
    {
        ["_total_items"] = 1,
        ["_links"] = Hal.Links(request, "/api/v4/leads/pipelines"),
        ["_embedded"] = new Dictionary<string, object?>
        {
            ["pipelines"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["id"] = AccountState.PipelineId,
                    ["name"] = "Воронка",
                    ["sort"] = 1,
                    ["is_main"] = true,
                    ["is_unsorted_on"] = true,
                    ["is_archive"] = false,
                    ["account_id"] = AccountState.AccountId,
                    ["_links"] = Hal.Links(request, $"/api/v4/leads/pipelines/{AccountState.PipelineId}"),
                    ["_embedded"] = new Dictionary<string, object?>
                    {
                        ["statuses"] = AccountState.Stages.Select(s => new Dictionary<string, object?>
                        {
                            ["id"] = s.Id,
                            ["name"] = s.Name,
                            ["sort"] = s.Sort,
                            ["is_editable"] = s.Id is not (AccountState.WonStageId or AccountState.LostStageId),
                            ["pipeline_id"] = AccountState.PipelineId,
                            ["type"] = 0,
                            ["account_id"] = AccountState.AccountId,
                        }),
                    },
                },
            },
        },
    });
}
