namespace AmoHealth.Prober.Cluster;

/// <summary>The names of the rows in <c>leases</c>.</summary>
public static class LeaseNames
{
    public const string AccountPrefix = "account:";

    public const string MemberPrefix = "member:";

    /// <summary>The single lease under which the cluster-wide work runs.</summary>
    public const string Cluster = "cluster";

    public static string Account(string account) => AccountPrefix + account;

    public static string AccountOf(string lease) => lease[AccountPrefix.Length..];
}
