using System.Text.Json.Nodes;
using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.OAuth;

namespace AmoHealth.Simulator.Webhooks;

/// <summary><c>/api/v4/webhooks</c>: list, subscribe (upsert by destination), unsubscribe. Admin tokens only.</summary>
public static class WebhooksApi
{
    private const int MaxWebhooks = 100;

    /// <summary>The event names amoCRM accepts in <c>settings</c>.</summary>
    public static IReadOnlySet<string> Events { get; } = new HashSet<string>(
        new[] { "lead", "contact", "company", "customer", "task" }.Select(e => "responsible_" + e)
            .Concat(new[] { "lead", "contact", "company" }.Select(e => "restore_" + e))
            .Concat(new[] { "lead", "contact", "company", "customer", "talk", "task" }.Select(e => "add_" + e))
            .Concat(new[] { "lead", "contact", "company", "customer", "talk", "task" }.Select(e => "update_" + e))
            .Concat(new[] { "lead", "contact", "company", "customer", "task" }.Select(e => "delete_" + e))
            .Concat(new[] { "lead", "contact", "company", "customer" }.Select(e => "note_" + e))
            .Append("status_lead")
            .Append("add_chat_template_review"),
        StringComparer.Ordinal);

    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", List);
        api.MapPost("/webhooks", SubscribeAsync);
        api.MapDelete("/webhooks", UnsubscribeAsync);
        return api;
    }

    private static IResult List(HttpContext context, AccountState state)
    {
        if (!IsAdmin(context))
        {
            return AmoProblem.Forbidden();
        }

        var destination = context.Request.Query["filter[destination]"].ToString();
        var hooks = state.Webhooks.Values
            .Where(h => destination.Length == 0 || h.Destination == destination)
            .OrderBy(h => h.Sort)
            .ThenBy(h => h.Id)
            .ToList();
        if (hooks.Count == 0)
        {
            return Results.NoContent();
        }

        return Hal.Ok(new Dictionary<string, object?>
        {
            ["_total_items"] = hooks.Count,
            ["_embedded"] = new Dictionary<string, object?> { ["webhooks"] = hooks.Select(Body) },
        });
    }

    private static async Task<IResult> SubscribeAsync(HttpContext context, AccountState state,
        CancellationToken cancellationToken)
    {
        if (!IsAdmin(context))
        {
            return AmoProblem.Forbidden();
        }

        if (await Json.ReadAsync(context.Request, cancellationToken) is not JsonObject body)
        {
            return AmoProblem.Blank();
        }

        var errors = new List<(string, string, string, string)>();
        if (!Json.TryString(body["destination"], out var destination) || destination is null
            || !Uri.TryCreate(destination, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add(("0", "InvalidUrl", "destination", "This value is not a valid URL."));
        }

        var settings = (body["settings"] as JsonArray)?.Select(n => Json.TryString(n, out var s) ? s : null).ToList();
        if (settings is null || settings.Count == 0 || settings.Any(s => s is null || !Events.Contains(s)))
        {
            errors.Add(("0", "NotSupportedChoice", "settings", "One or more of the given values is invalid."));
        }

        if (!Json.TryLong(body["sort"], out var sort) || sort is < 0 or > int.MaxValue)
        {
            errors.Add(("0", "InvalidType", "sort", "This value should be of type int."));
        }

        if (errors.Count > 0)
        {
            return AmoProblem.Validation(errors);
        }

        if (!state.Webhooks.ContainsKey(destination!) && state.Webhooks.Count >= MaxWebhooks)
        {
            return AmoProblem.Create(422, "Unprocessable Entity", "Webhooks limit exceeded");
        }

        var now = state.Now;
        var hook = state.Webhooks.AddOrUpdate(
            destination!,
            _ => new AccountState.Webhook(state.NextWebhookId(), destination!, settings!.Select(s => s!).ToList(),
                (int)(sort ?? 1), now),
            (_, existing) =>
            {
                existing.Settings = settings!.Select(s => s!).ToList();
                existing.Sort = (int)(sort ?? existing.Sort);
                existing.UpdatedAt = now;
                // Saving the hook again is how an admin re-enables a disabled one.
                existing.Disabled = false;
                return existing;
            });
        return Hal.Created(Body(hook));
    }

    private static async Task<IResult> UnsubscribeAsync(HttpContext context, AccountState state,
        CancellationToken cancellationToken)
    {
        if (!IsAdmin(context))
        {
            return AmoProblem.Forbidden();
        }

        if (await Json.ReadAsync(context.Request, cancellationToken) is not JsonObject body
            || !Json.TryString(body["destination"], out var destination) || destination is null)
        {
            return AmoProblem.Validation([("0", "NotBlank", "destination", "This value should not be blank.")]);
        }

        return state.Webhooks.TryRemove(destination, out _)
            ? Results.NoContent()
            : AmoProblem.Create(404, "Not Found", "Webhook not found");
    }

    private static bool IsAdmin(HttpContext context) => context.Items[BearerFilter.AdminItem] is true;

    private static Dictionary<string, object?> Body(AccountState.Webhook hook) => new()
    {
        ["id"] = hook.Id,
        ["destination"] = hook.Destination,
        ["created_at"] = hook.CreatedAt,
        ["updated_at"] = hook.UpdatedAt,
        ["account_id"] = AccountState.AccountId,
        ["created_by"] = AccountState.UserId,
        ["sort"] = hook.Sort,
        ["disabled"] = hook.Disabled,
        ["settings"] = hook.Settings,
    };
}
