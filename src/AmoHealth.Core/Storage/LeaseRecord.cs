namespace AmoHealth.Core.Storage;

/// <summary>A lease (table <c>leases</c>, PostgreSQL scale-out): who may probe an account (<c>account:NAME</c>), who
/// runs the cluster-wide work (<c>cluster</c>), and which Probers are alive (<c>member:ID</c>). <see cref="Fence"/>
/// grows by one at every change of holder; a write carries the fence it was made under and is refused once the lease
/// has moved on, so a Prober that was paused and lost its lease can never write over its successor. Times are the
/// database server's clock, so the Probers' own clocks never decide who holds what.</summary>
public sealed class LeaseRecord
{
    public required string Name { get; set; }

    public string? Holder { get; set; }

    public long Fence { get; set; }

    /// <summary>Unix milliseconds, the database's clock.</summary>
    public long ExpiresAt { get; set; }

    /// <summary>On a <c>member:ID</c> row: the accounts that Prober is configured with, one per line.</summary>
    public string? Accounts { get; set; }
}
