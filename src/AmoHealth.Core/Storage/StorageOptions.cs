using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Core.Storage;

/// <summary>Where the SQLite database lives. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// Path of the SQLite file. Default: <c>~/.local/share/amohealth/health_checks.db</c>, outside any
    /// release directory so a deploy never erases history.
    /// </summary>
    [Required]
    public string Path { get; set; } = System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "amohealth",
        "health_checks.db");

    public string ConnectionString => $"Data Source={System.IO.Path.GetFullPath(Path)};Default Timeout=30";
}
