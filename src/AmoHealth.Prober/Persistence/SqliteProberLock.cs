using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Persistence;

/// <summary>SQLite runs one Prober: a second one on the same file would probe every account twice and write over the
/// first's state machine. The first holds an exclusive lock on <c>FILE.prober-lock</c> for its lifetime; a second stops
/// at start and says what to do instead. The lock is the kernel's, so a crashed Prober never leaves it
/// behind.</summary>
public static class SqliteProberLock
{
    public static FileStream Acquire(StorageOptions options)
    {
        var path = Path.GetFullPath(options.Path) + ".prober-lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another Prober is already running on {Path.GetFullPath(options.Path)}. With SQLite "
                    + "(Storage:Provider=sqlite, the default) "
                + "one Prober runs; for several Probers use Storage:Provider=postgres "
                + "(README: Outgrowing one machine).", ex);
        }
    }
}
