using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace AmoHealth.Core.Storage;

/// <summary>Keeps the <c>-wal</c> and <c>-shm</c> files when the writer's last connection closes
/// (<c>SQLITE_FCNTL_PERSIST_WAL</c>, set on every writing connection as it opens). The Api opens the file read-only
/// from a folder it cannot write: SQLite can then read a WAL database only while both files exist, since a read-only
/// reader can create neither. Without this, a cleanly stopped Prober deletes them and every read fails with "attempt to
/// write a readonly database".</summary>
public static class SqliteKeepWal
{
    /// <summary><c>SQLITE_FCNTL_PERSIST_WAL</c> from sqlite3.h.</summary>
    private const int PersistWal = 10;

    public static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle })
        {
            return;
        }

        var flag = Marshal.AllocHGlobal(sizeof(int));
        try
        {
            Marshal.WriteInt32(flag, 1);
            var code = FileControl(handle.DangerousGetHandle(), "main", PersistWal, flag);
            if (code != 0)
            {
                throw new InvalidOperationException($"SQLite refused to keep its WAL files (code {code}).");
            }
        }
        finally
        {
            Marshal.FreeHGlobal(flag);
        }
    }

    /// <summary><c>sqlite3_file_control</c> of the SQLite library Microsoft.Data.Sqlite itself loads (SQLitePCLRaw does
    /// not expose it).</summary>
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control", CallingConvention = CallingConvention.Cdecl)]
    private static extern int FileControl(IntPtr db, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int op,
        IntPtr arg);
}
