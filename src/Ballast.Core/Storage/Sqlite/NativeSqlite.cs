using System.Runtime.InteropServices;

namespace Ballast.Core.Storage.Sqlite;

/// <summary>
/// Direct calls into the e_sqlite3 library that SQLitePCLRaw has already loaded, for the per-row binds of the
/// bulk path: SQLitePCLRaw's wrappers add an interface call and SafeHandle reference counting to every bind
/// (measured 13 % of the CPU time of a 2M-row report load). The binds are short, never call back and never
/// block, so they may skip the GC transition; sqlite3_step does not. When the library cannot be reached this
/// way (another packaging of SQLite), <see cref="Available"/> is false and the writer uses SQLitePCLRaw.
/// </summary>
internal static class NativeSqlite
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLite's SQLITE_TRANSIENT destructor: SQLite copies the bytes before the call returns.</summary>
    public static readonly IntPtr Transient = new(-1);

    public static readonly bool Available = Probe();

    private static bool Probe()
    {
        try { return sqlite3_libversion_number() == SQLitePCL.raw.sqlite3_libversion_number(); }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }

    [DllImport(Library)]
    private static extern int sqlite3_libversion_number();

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_text(IntPtr statement, int index, ref byte text, int length, IntPtr destructor);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_double(IntPtr statement, int index, double value);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_int64(IntPtr statement, int index, long value);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_null(IntPtr statement, int index);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_changes(IntPtr db);

    [DllImport(Library)]
    public static extern int sqlite3_step(IntPtr statement);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_reset(IntPtr statement);
}
