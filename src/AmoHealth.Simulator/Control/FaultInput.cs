using System.Text.Json;
using System.Text.Json.Nodes;
using AmoHealth.Simulator.Faults;

namespace AmoHealth.Simulator.Control;

/// <summary>Reads <c>POST /__sim/faults</c>: every field checked, every mistake named.</summary>
public static class FaultInput
{
    private static readonly string[] Fields = ["endpoint", "status", "latencyMs", "mode", "format", "count"];

    public static (Fault? Fault, IResult? Error) Parse(JsonNode? node)
    {
        if (node is not JsonObject body)
        {
            return (null, ControlProblem.Field("body", "The body must be a JSON object."));
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => !Fields.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            return (null,
                ControlProblem.Field(unknown,
                $"Unknown field '{unknown}'. Known fields: {string.Join(", ", Fields)}."));
        }

        if (!TryString(body["endpoint"], out var endpoint) || endpoint is null
            || !AmoEndpoint.Targets.Contains(endpoint))
        {
            return (null,
                ControlProblem.Field("endpoint",
                $"'endpoint' must be one of {string.Join(", ", AmoEndpoint.Targets)}."));
        }

        if (!TryInt(body["status"], out var status) || status is < 100 or > 599)
        {
            return (null, ControlProblem.Field("status", "'status' must be an HTTP status code (100-599)."));
        }

        if (!TryInt(body["latencyMs"], out var latency) || latency is < 0 or > 600_000)
        {
            return (null,
                ControlProblem.Field("latencyMs", "'latencyMs' must be a whole number of milliseconds (0-600000)."));
        }

        if (!TryString(body["mode"], out var mode) || (mode is not null && !Fault.Modes.Contains(mode)))
        {
            return (null, ControlProblem.Field("mode", $"'mode' must be one of {string.Join(", ", Fault.Modes)}."));
        }

        if (!TryString(body["format"], out var format) || format is not (null or "json" or "html"))
        {
            return (null, ControlProblem.Field("format", "'format' must be json or html."));
        }

        if (!TryInt(body["count"], out var count) || count is < 1)
        {
            return (null, ControlProblem.Field("count", "'count' must be a positive whole number."));
        }

        var effects = new[] { status is not null, latency is not null, mode is not null }.Count(set => set);
        if (effects != 1)
        {
            return (null, ControlProblem.Field("status", "Give exactly one of 'status', 'latencyMs' or 'mode'."));
        }

        return (new Fault(endpoint, status, latency, mode, format, count), null);
    }

    private static bool TryString(JsonNode? node, out string? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        return node.GetValueKind() == JsonValueKind.String && (value = node.GetValue<string>()) is not null;
    }

    private static bool TryInt(JsonNode? node, out int? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var number))
        {
            value = number;
            return true;
        }

        return false;
    }
}
