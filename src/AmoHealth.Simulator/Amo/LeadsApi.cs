using System.Globalization;
using System.Text.Json.Nodes;

namespace AmoHealth.Simulator.Amo;

/// <summary>Leads and pipelines as amoCRM documents them; leads cannot be deleted through the API.</summary>
public static class LeadsApi
{
    private const int MaxPerRequest = 250;

    public static RouteGroupBuilder MapLeadsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/leads", ListLeads);
        api.MapGet("/leads/{id:long}", GetLead);
        api.MapPost("/leads", AddLeadsAsync);
        api.MapPatch("/leads", UpdateLeadsAsync);
        api.MapPatch("/leads/{id:long}", UpdateLeadAsync);
        api.MapDelete("/leads", () => AmoProblem.MethodNotAllowed());
        api.MapDelete("/leads/{**rest}", () => AmoProblem.MethodNotAllowed());
        return api;
    }

    private static IResult ListLeads(HttpRequest request, AccountState state, string? page = null, string? limit = null)
    {
        var pageNumber = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p
            : 1;
        // amoCRM caps the page size at 250 instead of failing.
        var size = int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0
            ? Math.Min(l, MaxPerRequest) : 50;
        var leads = state.Leads.Values.OrderBy(x => x.Id).Skip((pageNumber - 1) * size).Take(size + 1).ToList();
        if (leads.Count == 0)
        {
            return Results.NoContent();
        }

        var hasNext = leads.Count > size;
        var links = new Dictionary<string, object?>
        {
            ["self"] = Href(request, $"/api/v4/leads?page={pageNumber}&limit={size}"),
        };
        if (hasNext)
        {
            links["next"] = Href(request, $"/api/v4/leads?page={pageNumber + 1}&limit={size}");
        }

        if (pageNumber > 1)
        {
            links["first"] = Href(request, $"/api/v4/leads?page=1&limit={size}");
            links["prev"] = Href(request, $"/api/v4/leads?page={pageNumber - 1}&limit={size}");
        }

        return Hal.Ok(new Dictionary<string, object?>
        {
            ["_page"] = pageNumber,
            ["_links"] = links,
            ["_embedded"] = new Dictionary<string,
                object?> { ["leads"] = leads.Take(size).Select(x => LeadBody(request, x)) },
        });
    }

    private static IResult GetLead(long id, HttpRequest request, AccountState state) =>
        // amoCRM answers an unknown id with 204, not 404.
        state.Leads.TryGetValue(id, out var lead) ? Hal.Ok(LeadBody(request, lead)) : Results.NoContent();

    private static async Task<IResult> AddLeadsAsync(HttpRequest request, AccountState state, ILeadEvents events,
        CancellationToken cancellationToken)
    {
        var (items, invalid) = await ReadBatchAsync(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var parsed = items!.Select((item, index) => LeadInput.Parse(item, index, requireId: false)).ToList();
        var errors = parsed.SelectMany(p => p.Errors).ToList();
        if (errors.Count > 0)
        {
            return AmoProblem.Validation(errors);
        }

        var created = parsed.Select(p =>
        {
            var lead = state.AddLead(p.Name, p.StatusId, p.Price ?? 0);
            events.Added(lead);
            return new Dictionary<string, object?>
            {
                ["id"] = lead.Id,
                ["request_id"] = p.RequestId,
                ["_links"] = Hal.Links(request, $"/api/v4/leads/{lead.Id}"),
            };
        }).ToList();

        return Hal.Ok(new Dictionary<string, object?>
        {
            ["_links"] = Hal.Links(request, "/api/v4/leads"),
            ["_embedded"] = new Dictionary<string, object?> { ["leads"] = created },
        });
    }

    private static async Task<IResult> UpdateLeadsAsync(HttpRequest request, AccountState state, ILeadEvents events,
        CancellationToken cancellationToken)
    {
        var (items, invalid) = await ReadBatchAsync(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var parsed = items!.Select((item, index) => LeadInput.Parse(item, index, requireId: true)).ToList();
        var errors = parsed.SelectMany(p => p.Errors)
            .Concat(parsed.Where(p => p.Id is { } id && !state.Leads.ContainsKey(id))
                .Select(p => (p.RequestId, "NotFound", "id", "Entity not found")))
            .ToList();
        if (errors.Count > 0)
        {
            return AmoProblem.Validation(errors);
        }

        var updated = parsed.Select(p => Apply(state, events, p)).ToList();
        return Hal.Ok(new Dictionary<string, object?>
        {
            ["_links"] = Hal.Links(request, "/api/v4/leads"),
            ["_embedded"] = new Dictionary<string, object?>
            {
                ["leads"] = updated.Select(x => new Dictionary<string, object?>
                {
                    ["id"] = x.Id,
                    ["updated_at"] = x.UpdatedAt,
                    ["_links"] = Hal.Links(request, $"/api/v4/leads/{x.Id}"),
                }),
            },
        });
    }

    private static async Task<IResult> UpdateLeadAsync(
        long id, HttpRequest request, AccountState state, ILeadEvents events, CancellationToken cancellationToken)
    {
        // One lead is patched with a bare object, not an array.
        var body = await Json.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return AmoProblem.Blank();
        }

        if (body is not JsonObject)
        {
            return AmoProblem.Validation([("0", "InvalidType", "", "This value should be of type object.")]);
        }

        var patch = LeadInput.Parse(body, 0, requireId: false) with { Id = id };
        if (patch.Errors.Count > 0)
        {
            return AmoProblem.Validation(patch.Errors);
        }

        if (!state.Leads.ContainsKey(id))
        {
            return AmoProblem.Validation([("0", "NotFound", "id", "Entity not found")]);
        }

        var lead = Apply(state, events, patch);
        return Hal.Ok(new Dictionary<string, object?>
        {
            ["id"] = lead.Id,
            ["updated_at"] = lead.UpdatedAt,
            ["_links"] = Hal.Links(request, $"/api/v4/leads/{lead.Id}"),
        });
    }

    /// <summary>A batch body as amoCRM wants it: a non-empty JSON array of at most 250 entities.</summary>
    private static async Task<(JsonArray? Items, IResult? Invalid)> ReadBatchAsync(HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await Json.ReadAsync(request, cancellationToken);
        if (body is null || body is JsonArray { Count: 0 })
        {
            return (null, AmoProblem.Blank());
        }

        if (body is not JsonArray items)
        {
            return (null, AmoProblem.Validation([("0", "InvalidType", "", "This value should be of type array.")]));
        }

        return items.Count > MaxPerRequest
            ? (null, AmoProblem.Create(422, "Unprocessable Entity", "Limit of 250 per page"))
            : (items, null);
    }

    private static AccountState.Lead Apply(AccountState state, ILeadEvents events, LeadInput patch)
    {
        var id = patch.Id!.Value;
        var before = state.Leads[id];
        var after = before with
        {
            Name = patch.Name ?? before.Name,
            Price = patch.Price ?? before.Price,
            StatusId = patch.StatusId ?? before.StatusId,
            UpdatedAt = state.Now,
        };
        state.Leads[id] = after;
        events.Updated(before, after);
        return after;
    }

    private static Dictionary<string, object?> LeadBody(HttpRequest request, AccountState.Lead lead) => new()
    {
        ["id"] = lead.Id,
        ["name"] = lead.Name,
        ["price"] = lead.Price,
        ["responsible_user_id"] = AccountState.UserId,
        ["group_id"] = 0,
        ["status_id"] = lead.StatusId,
        ["pipeline_id"] = lead.PipelineId,
        ["loss_reason_id"] = null,
        ["created_by"] = AccountState.UserId,
        ["updated_by"] = AccountState.UserId,
        ["created_at"] = lead.CreatedAt,
        ["updated_at"] = lead.UpdatedAt,
        ["closed_at"] = null,
        ["closest_task_at"] = null,
        ["is_deleted"] = false,
        ["custom_fields_values"] = null,
        ["score"] = null,
        ["account_id"] = AccountState.AccountId,
        ["labor_cost"] = null,
        ["_links"] = Hal.Links(request, $"/api/v4/leads/{lead.Id}"),
        ["_embedded"] = new Dictionary<string,
            object?> { ["tags"] = Array.Empty<object>(), ["companies"] = Array.Empty<object>() },
    };

    private static Dictionary<string, string> Href(HttpRequest request, string path) =>
        new() { ["href"] = $"{request.Scheme}://{request.Host}{path}" };
}
