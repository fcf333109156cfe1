namespace AmoHealth.Prober.Cluster;

/// <summary>A lease row as the lease statements return it.</summary>
public sealed class HeldLease
{
    public string Name { get; set; } = string.Empty;

    public long Fence { get; set; }
}
