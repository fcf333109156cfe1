namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// Test classes that measure this process's memory run alone, after the others: another class running beside
/// them would move the numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory measured alone";
}
