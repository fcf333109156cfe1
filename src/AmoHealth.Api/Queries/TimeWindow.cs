namespace AmoHealth.Api.Queries;

/// <summary>A query window [From, To) in Unix milliseconds.</summary>
public readonly record struct TimeWindow(long From, long To)
{
    public long Length => To - From;
}
