using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Amo;

/// <summary>The amoCRM API v4 endpoints the five checks call, answering as amoCRM documents.</summary>
public static class AmoApi
{
    public static RouteGroupBuilder MapAmoApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", WebPage);

        var api = app.MapGroup("/api/v4").AddEndpointFilter<BearerFilter>();
        api.MapGet("/account", GetAccount);
        api.MapGet("/leads/pipelines", GetPipelines);
        api.MapGet("/leads/{id:long}", GetLead);
        api.MapPost("/leads", AddLeadsAsync);
        api.MapPatch("/leads/{id:long}", UpdateLeadAsync);
        api.MapDelete("/leads/{**rest}", () => AmoProblem.MethodNotAllowed());
        api.MapDelete("/leads", () => AmoProblem.MethodNotAllowed());
        api.MapGet("/webhooks", GetWebhooks);
        return api;
    }

    private static async Task<IResult> WebPage(Latency latency, CancellationToken cancellationToken)
    {
        await latency.DelayAsync(cancellationToken);
        return Results.Content(
            "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>amoCRM</title></head>"
            + "<body><form action=\"/oauth2/authorize\"><input name=\"login\"><input name=\"password\" type=\"password\"></form></body></html>",
            "text/html; charset=utf-8");
    }

    private static async Task<IResult> GetAccount(
        HttpRequest request, Latency latency, IOptions<SimulatorOptions> options, AccountState state, CancellationToken cancellationToken)
    {
        await latency.DelayAsync(cancellationToken);
        var subdomain = options.Value.Subdomain;
        return Hal.Ok(new Dictionary<string, object?>
        {
            ["id"] = AccountState.AccountId,
            ["name"] = subdomain,
            ["subdomain"] = subdomain,
            ["created_at"] = 1_739_794_993,
            ["created_by"] = 0,
            ["updated_at"] = 1_739_794_993,
            ["updated_by"] = 0,
            ["current_user_id"] = 581_651,
            ["country"] = "RU",
            ["currency"] = "RUB",
            ["currency_symbol"] = "₽",
            ["customers_mode"] = "segments",
            ["is_unsorted_on"] = true,
            ["is_loss_reason_enabled"] = true,
            ["is_helpbot_enabled"] = false,
            ["is_technical_account"] = false,
            ["contact_name_display_order"] = 1,
            ["_links"] = Links(request, "/api/v4/account"),
        });
    }

    private static async Task<IResult> GetPipelines(HttpRequest request, Latency latency, CancellationToken cancellationToken)
    {
        await latency.DelayAsync(cancellationToken);
        var statuses = new[]
        {
            Stage(AccountState.FirstStageId, "Первичный контакт", 10),
            Stage(AccountState.SecondStageId, "Переговоры", 20),
            Stage(142, "Успешно реализовано", 10000),
            Stage(143, "Закрыто и не реализовано", 11000),
        };
        return Hal.Ok(new Dictionary<string, object?>
        {
            ["_total_items"] = 1,
            ["_links"] = Links(request, "/api/v4/leads/pipelines"),
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
                        ["_embedded"] = new Dictionary<string, object?> { ["statuses"] = statuses },
                    },
                },
            },
        });

        static Dictionary<string, object?> Stage(long id, string name, int sort) => new()
        {
            ["id"] = id,
            ["name"] = name,
            ["sort"] = sort,
            ["pipeline_id"] = AccountState.PipelineId,
            ["account_id"] = AccountState.AccountId,
        };
    }

    private static async Task<IResult> GetLead(long id, HttpRequest request, Latency latency, AccountState state, CancellationToken cancellationToken)
    {
        await latency.DelayAsync(cancellationToken);
        // amoCRM answers an unknown id with 204, not 404.
        return state.Leads.TryGetValue(id, out var lead) ? Hal.Ok(LeadBody(request, lead)) : Results.NoContent();
    }

    private static async Task<IResult> AddLeadsAsync(HttpRequest request, Latency latency, AccountState state, CancellationToken cancellationToken)
    {
        await latency.DelayAsync(cancellationToken);
        var body = await ReadJsonAsync(request, cancellationToken);
        if (body is not JsonArray items || items.Count == 0)
        {
            return AmoProblem.BadRequest("Request data must not be blank");
        }

        if (items.Count > 250)
        {
            return AmoProblem.Create(422, "Unprocessable Entity", "Limit of 250 per page");
        }

        var created = items.Select((item, index) =>
        {
            var lead = state.AddLead(item?["name"]?.GetValue<string>(), item?["status_id"]?.GetValue<long>());
            return new Dictionary<string, object?>
            {
                ["id"] = lead.Id,
                ["request_id"] = item?["request_id"]?.GetValue<string>() ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["_links"] = Links(request, $"/api/v4/leads/{lead.Id}"),
            };
        }).ToList();

        return Hal.Ok(new Dictionary<string, object?>
        {
            ["_links"] = Links(request, "/api/v4/leads"),
            ["_embedded"] = new Dictionary<string, object?> { ["leads"] = created },
        });
    }

    private static async Task<IResult> UpdateLeadAsync(
        long id, HttpRequest request, Latency latency, AccountState state, CancellationToken cancellationToken)
    {
        await latency.DelayAsync(cancellationToken);
        // A single lead is patched with a bare object, not an array.
        if (await ReadJsonAsync(request, cancellationToken) is not JsonObject patch)
        {
            return AmoProblem.BadRequest("Request data must not be blank");
        }

        if (!state.Leads.TryGetValue(id, out var lead))
        {
            return AmoProblem.Create(404, "Not Found", $"Lead {id} not found");
        }

        var updated = lead with
        {
            Name = patch["name"]?.GetValue<string>() ?? lead.Name,
            StatusId = patch["status_id"]?.GetValue<long>() ?? lead.StatusId,
            UpdatedAt = state.Now,
        };
        state.Leads[id] = updated;
        return Hal.Ok(new Dictionary<string, object?>
        {
            ["id"] = updated.Id,
            ["updated_at"] = updated.UpdatedAt,
            ["_links"] = Links(request, $"/api/v4/leads/{updated.Id}"),
        });
    }

    private static async Task<IResult> GetWebhooks(HttpRequest request, Latency latency, AccountState state, CancellationToken cancellationToken)
    {
        await latency.DelayAsync(cancellationToken);
        var hooks = state.Webhooks.Values.OrderBy(h => h.Sort).ToList();
        if (hooks.Count == 0)
        {
            return Results.NoContent();
        }

        return Hal.Ok(new Dictionary<string, object?>
        {
            ["_total_items"] = hooks.Count,
            ["_embedded"] = new Dictionary<string, object?>
            {
                ["webhooks"] = hooks.Select(h => new Dictionary<string, object?>
                {
                    ["id"] = h.Id,
                    ["destination"] = h.Destination,
                    ["created_at"] = h.CreatedAt,
                    ["updated_at"] = h.CreatedAt,
                    ["account_id"] = AccountState.AccountId,
                    ["created_by"] = 0,
                    ["sort"] = h.Sort,
                    ["disabled"] = h.Disabled,
                    ["settings"] = h.Settings,
                }),
            },
        });
    }

    private static Dictionary<string, object?> LeadBody(HttpRequest request, AccountState.Lead lead) => new()
    {
        ["id"] = lead.Id,
        ["name"] = lead.Name,
        ["price"] = 0,
        ["status_id"] = lead.StatusId,
        ["pipeline_id"] = lead.PipelineId,
        ["created_at"] = lead.CreatedAt,
        ["updated_at"] = lead.UpdatedAt,
        ["account_id"] = AccountState.AccountId,
        ["is_deleted"] = false,
        ["_links"] = Links(request, $"/api/v4/leads/{lead.Id}"),
    };

    private static Dictionary<string, object?> Links(HttpRequest request, string path) =>
        new() { ["self"] = new Dictionary<string, string> { ["href"] = $"{request.Scheme}://{request.Host}{path}" } };

    private static async Task<JsonNode?> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
