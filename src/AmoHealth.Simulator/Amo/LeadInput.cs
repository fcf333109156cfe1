using System.Globalization;
using System.Text.Json.Nodes;

namespace AmoHealth.Simulator.Amo;

/// <summary>One lead of a batch as amoCRM reads it, with the validation errors amoCRM would answer.</summary>
internal sealed record LeadInput(
    string RequestId,
    long? Id,
    string? Name,
    int? Price,
    long? StatusId,
    List<(string RequestId, string Code, string Path, string Detail)> Errors)
{
    public static LeadInput Parse(JsonNode? node, int index, bool requireId)
    {
        var requestId = index.ToString(CultureInfo.InvariantCulture);
        var errors = new List<(string, string, string, string)>();
        if (node is not JsonObject item)
        {
            return new LeadInput(requestId, null, null, null, null,
                [(requestId, "InvalidType", "", "This value should be of type object.")]);
        }

        if (!Json.TryString(item["request_id"], out var explicitId))
        {
            errors.Add((requestId, "InvalidType", "request_id", "This value should be of type string."));
        }

        requestId = explicitId ?? requestId;
        if (!Json.TryString(item["name"], out var name))
        {
            errors.Add((requestId, "InvalidType", "name", "This value should be of type string."));
        }

        if (!Json.TryLong(item["price"], out var price) || price is < 0 or > int.MaxValue)
        {
            errors.Add((requestId, "InvalidType", "price", "This value should be of type int."));
        }

        if (!Json.TryLong(item["status_id"], out var statusId))
        {
            errors.Add((requestId, "InvalidType", "status_id", "This value should be of type int."));
        }
        else if (statusId is { } s && !AccountState.IsStage(s))
        {
            errors.Add((requestId, "NotSupportedChoice", "status_id", "The value you selected is not a valid choice."));
        }

        if (!Json.TryLong(item["pipeline_id"], out var pipelineId))
        {
            errors.Add((requestId, "InvalidType", "pipeline_id", "This value should be of type int."));
        }
        else if (pipelineId is { } p && p != AccountState.PipelineId)
        {
            errors.Add(
                (requestId, "NotSupportedChoice", "pipeline_id", "The value you selected is not a valid choice."));
        }

        if (!Json.TryLong(item["id"], out var id))
        {
            errors.Add((requestId, "InvalidType", "id", "This value should be of type int."));
        }
        else if (requireId && id is null)
        {
            errors.Add((requestId, "NotBlank", "id", "This value should not be blank."));
        }

        return new LeadInput(requestId, id, name, (int?)price, statusId, errors);
    }
}
