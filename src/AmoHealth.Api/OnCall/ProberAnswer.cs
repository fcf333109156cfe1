using AmoHealth.Core.OnCall;

namespace AmoHealth.Api.OnCall;

/// <summary>What came back from <c>POST /internal/oncall</c>: the Prober's <see cref="Reply"/>; or, without one, the
/// HTTP status it answered instead (null: it did not answer at all).</summary>
public sealed record ProberAnswer(OnCallReply? Reply, int? HttpStatus)
{
    public bool Applied => Reply?.Status == OnCallReply.Applied;
}
