using System.Collections.Concurrent;

namespace AmoHealth.Simulator.Amo;

/// <summary>The fake account's data, in memory: leads, one pipeline with its stages, webhooks, DP actions.</summary>
public sealed class AccountState(TimeProvider time)
{
    public const long AccountId = 31_415_926;
    public const long UserId = 581_651;
    public const long PipelineId = 7_000_001;
    public const long FirstStageId = 7_000_101;
    public const long SecondStageId = 7_000_102;
    public const long WonStageId = 142;
    public const long LostStageId = 143;

    /// <summary>Stages of the one pipeline, in order: two working stages and amoCRM's two system stages.</summary>
    public static IReadOnlyList<(long Id, string Name, int Sort)> Stages { get; } =
    [
        (FirstStageId, "Первичный контакт", 10),
        (SecondStageId, "Переговоры", 20),
        (WonStageId, "Успешно реализовано", 10000),
        (LostStageId, "Закрыто и не реализовано", 11000),
    ];

    // amoCRM never reuses an id; a simulator started again must not hand out the ids of its previous run.
    private long _nextLeadId = 10_000_000 + (time.GetUtcNow().ToUnixTimeSeconds() % 1_000_000) * 100;
    private long _nextWebhookId = 839_000;

    public ConcurrentDictionary<long, Lead> Leads { get; } = new();

    /// <summary>Account webhooks by destination (amoCRM upserts by destination).</summary>
    public ConcurrentDictionary<string, Webhook> Webhooks { get; } = new(StringComparer.Ordinal);

    /// <summary>Digital Pipeline "send webhook" actions: stage id → URL.</summary>
    public ConcurrentDictionary<long, string> DpActions { get; } = new();

    public long Now => time.GetUtcNow().ToUnixTimeSeconds();

    public static bool IsStage(long id) => Stages.Any(s => s.Id == id);

    public Lead AddLead(string? name, long? statusId, int price)
    {
        var id = Interlocked.Increment(ref _nextLeadId);
        var now = Now;
        var lead = new Lead(id, name ?? $"Сделка #{id}", price, statusId ?? FirstStageId, PipelineId, now, now);
        Leads[id] = lead;
        return lead;
    }

    public long NextWebhookId() => Interlocked.Increment(ref _nextWebhookId);

    public sealed record Lead(long Id, string Name, int Price, long StatusId, long PipelineId, long CreatedAt,
        long UpdatedAt);

    /// <summary>An account webhook; <see cref="Disabled"/> is set by amoCRM after too many failed deliveries.</summary>
    public sealed class Webhook(long id, string destination, IReadOnlyList<string> settings, int sort, long createdAt)
    {
        public long Id { get; } = id;

        public string Destination { get; } = destination;

        public IReadOnlyList<string> Settings { get; set; } = settings;

        public int Sort { get; set; } = sort;

        public long CreatedAt { get; } = createdAt;

        public long UpdatedAt { get; set; } = createdAt;

        public volatile bool Disabled;
    }
}
