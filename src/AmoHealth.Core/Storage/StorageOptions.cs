using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Core.Storage;

/// <summary>Where the data lives. Section <c>Storage</c>; PostgreSQL's address is
/// <c>ConnectionStrings:amohealth</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The connection string name, as Aspire's PostgreSQL integration passes it.</summary>
    public const string ConnectionName = "amohealth";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary><c>ConnectionStrings:amohealth</c> (an Npgsql connection string), read when <see cref="Provider"/> is
    /// <c>postgres</c>. Set from the connection strings, not from this section.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Path of the SQLite file (provider <c>sqlite</c>). Default:
    /// <c>~/.local/share/amohealth/health_checks.db</c>, outside any release directory so a deploy never erases
    /// history.</summary>
    [Required]
    public string Path { get; set; } = System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.Create),
        "amohealth",
        "health_checks.db");

    [Microsoft.Extensions.Options.ValidateObjectMembers(typeof(RetentionOptionsValidator))]
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>PostgreSQL only, read by the Prober: a role (e.g. <c>amohealth_api</c>, the Api's login) that gets
    /// SELECT on every table after each migration, and on every table later migrations create. Empty: no
    /// grants.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$",
        ErrorMessage = "Storage:ReadRole must be a plain PostgreSQL role name (lower-case letters, digits, '_').")]
    public string? ReadRole { get; set; }

    /// <summary>Opens the file read-only (SQLite refuses every write): the Api's mode. Set by the service, not by
    /// configuration (AddAmoHealthStorage overrides it). The reader needs neither the folder nor the files writable, as
    /// long as the writer keeps the <c>-wal</c> and <c>-shm</c> files (see <see cref="SqliteKeepWal"/>).</summary>
    public bool ReadOnly { get; set; }

    public string ConnectionString =>
        $"Data Source={System.IO.Path.GetFullPath(Path)};Default Timeout=30" + (ReadOnly ? ";Mode=ReadOnly" : "");
}

/// <summary>How long each kind of data is kept, in days. Section <c>Storage:Retention</c>.</summary>
public sealed class RetentionOptions : IValidatableObject
{
    /// <summary>Raw results (<c>health_checks</c>): the seed's 30 days.</summary>
    [Range(1, 3650)]
    public int RawDays { get; set; } = 30;

    [Range(1, 3650)]
    public int MinuteDays { get; set; } = 7;

    [Range(1, 3650)]
    public int HourDays { get; set; } = 90;

    [Range(1, 36500)]
    public int DayDays { get; set; } = 730;

    /// <summary>Rows deleted per statement, so pruning never holds the write lock for long.</summary>
    [Range(100, 100_000)]
    public int BatchSize { get; set; } = 2_000;

    [Range(1, 1440)]
    public int IntervalMinutes { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Raw rows are found through the hour rollups' id ranges, so hours must outlive raw rows.
        if (HourDays < RawDays || HourDays < MinuteDays || DayDays < HourDays)
        {
            yield return new ValidationResult(
                "Storage:Retention must keep MinuteDays and RawDays <= HourDays <= DayDays.",
                [nameof(HourDays)]);
        }
    }

    /// <summary>The oldest raw result still kept, Unix milliseconds.</summary>
    public long RawKeptFrom(long now) => now - (RawDays * 86_400_000L);

    /// <summary>The oldest bucket of a rollup level still kept, Unix milliseconds.</summary>
    public long KeptFrom(Rollups.Resolution resolution, long now) => now - (resolution switch
    {
        Rollups.Resolution.Minute => MinuteDays,
        Rollups.Resolution.Hour => HourDays,
        _ => DayDays,
    } * 86_400_000L);
}
