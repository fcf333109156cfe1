using System.Collections.Concurrent;

namespace AmoHealth.Simulator.Amo;

/// <summary>The fake account's data, in memory: leads, one pipeline with its stages, and webhooks.</summary>
public sealed class AccountState(TimeProvider time)
{
    public const long AccountId = 31_415_926;
    public const long PipelineId = 7_000_001;
    public const long FirstStageId = 7_000_101;
    public const long SecondStageId = 7_000_102;

    private long _nextLeadId = 10_000_000;

    public ConcurrentDictionary<long, Lead> Leads { get; } = new();

    public ConcurrentDictionary<string, Webhook> Webhooks { get; } = new(StringComparer.Ordinal);

    public long Now => time.GetUtcNow().ToUnixTimeSeconds();

    public Lead AddLead(string? name, long? statusId)
    {
        var id = Interlocked.Increment(ref _nextLeadId);
        var lead = new Lead(id, name ?? $"Сделка #{id}", statusId ?? FirstStageId, PipelineId, Now, Now);
        Leads[id] = lead;
        return lead;
    }

    public sealed record Lead(long Id, string Name, long StatusId, long PipelineId, long CreatedAt, long UpdatedAt);

    public sealed record Webhook(long Id, string Destination, IReadOnlyList<string> Settings, int Sort, bool Disabled, long CreatedAt);
}
