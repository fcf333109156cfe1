using System.Text.Json;
using System.Text.Json.Nodes;
using AmoHealth.Simulator.Webhooks;

namespace AmoHealth.Simulator.Control;

/// <summary><c>/__sim/busy</c>: the busy account's background <c>update_lead</c> traffic (see
/// <see cref="BusyOptions"/>).</summary>
public static class BusyApi
{
    private static readonly string[] Known = ["perSecond", "maxLeads", "maxCustomFields", "ownLeadAt"];

    public static RouteGroupBuilder MapBusyApi(this RouteGroupBuilder control)
    {
        control.MapGet("/busy", (BusyAccount busy) => Results.Json(Body(busy)));
        control.MapPut("/busy", SetAsync);
        control.MapDelete("/busy", (BusyAccount busy) =>
        {
            busy.Setting = busy.Setting with { DeliveriesPerSecond = 0 };
            return Results.NoContent();
        });
        return control;
    }

    private static async Task<IResult> SetAsync(HttpRequest request, BusyAccount busy,
        CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            node = null;
        }

        if (node is not JsonObject body)
        {
            return ControlProblem.Field("body",
                "The body must be a JSON object with perSecond, maxLeads, maxCustomFields or ownLeadAt.");
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
        {
            return ControlProblem.Field(unknown,
                $"Unknown field '{unknown}'. Known fields: {string.Join(", ", Known)}.");
        }

        var current = busy.Setting;
        if (!Read(body, "perSecond", current.DeliveriesPerSecond, 0, 1_000, whole: false, out var perSecond))
        {
            return ControlProblem.Field("perSecond", "'perSecond' must be a number from 0 (off) to 1000.");
        }

        if (!Read(body, "maxLeads", current.MaxLeads, 1, 250, whole: true, out var maxLeads))
        {
            return ControlProblem.Field("maxLeads", "'maxLeads' must be a whole number from 1 to 250.");
        }

        if (!Read(body, "maxCustomFields", current.MaxCustomFields, 20, 500, whole: true, out var maxFields))
        {
            return ControlProblem.Field("maxCustomFields", "'maxCustomFields' must be a whole number from 20 to 500.");
        }

        if (!Read(body, "ownLeadAt", current.OwnLeadAt, 0, 249, whole: true, out var ownLeadAt))
        {
            return ControlProblem.Field("ownLeadAt", "'ownLeadAt' must be a whole number from 0 (alone) to 249.");
        }

        busy.Setting = new BusyAccount.BusySetting(perSecond, (int)maxLeads, (int)maxFields, (int)ownLeadAt);
        return Results.Json(Body(busy));
    }

    private static bool Read(JsonObject body, string name, double fallback, double min, double max, bool whole,
        out double value)
    {
        value = fallback;
        if (body[name] is not { } node)
        {
            return true;
        }

        return node is JsonValue number && number.TryGetValue(out value) && value >= min && value <= max
            && (!whole || value == Math.Floor(value));
    }

    private static object Body(BusyAccount busy) => new
    {
        perSecond = busy.Setting.DeliveriesPerSecond,
        maxLeads = busy.Setting.MaxLeads,
        maxCustomFields = busy.Setting.MaxCustomFields,
        ownLeadAt = busy.Setting.OwnLeadAt,
        sent = busy.Sent,
    };
}
