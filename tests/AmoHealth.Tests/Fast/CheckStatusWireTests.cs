using System.Text.Json;
using AmoHealth.Api.Apis;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;

namespace AmoHealth.Tests.Fast;

/// <summary>A check's status has one wire shape: an item of <c>/api/status</c> and the <c>data</c> of a live
/// update.</summary>
[Trait("Ring", "Fast")]
public sealed class CheckStatusWireTests
{
    [Fact]
    public void TheStatusItemAndTheLiveUpdatesDataSerializeTheSameFields()
    {
        var result = new ProbeResult("acme", CheckType.Get, Outcome.Down, 900, 1_000, 502, "HTTP 502")
        {
            Kind = FailureKind.HttpStatus,
        };
        IReadOnlyList<CheckStatusDto> rest = [CheckStatusDto.Of(result) with { TokenExpiresAt = 5, Notice = "n" }];
        var restJson = JsonSerializer.Serialize(rest, ApiJsonContext.Default.IReadOnlyListCheckStatusDto);
        var liveJson = JsonSerializer.Serialize(StatusUpdate.From(result, 2_000), LiveJsonContext.Default.StatusUpdate);

        var restFields = Fields(JsonDocument.Parse(restJson).RootElement[0]);
        var data = JsonDocument.Parse(liveJson).RootElement.GetProperty("data");

        Assert.Equal(restFields, Fields(data));
        Assert.Contains("failureKind", restFields);
        Assert.Equal("http_status", data.GetProperty("failureKind").GetString());
        // The seed's fields of the live update's data stay.
        Assert.Subset(Fields(data), new HashSet<string> { "status", "responseTime", "lastCheck", "errorMessage" });
    }

    private static HashSet<string> Fields(JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name)];
}
