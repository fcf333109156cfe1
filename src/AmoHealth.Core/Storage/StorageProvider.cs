namespace AmoHealth.Core.Storage;

/// <summary>Which engine holds the data (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>One file beside the Prober: the default, single-Prober.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<c>ConnectionStrings:amohealth</c>): several Probers and Api instances.</summary>
    Postgres,
}
