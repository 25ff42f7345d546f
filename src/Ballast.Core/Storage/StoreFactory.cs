using Ballast.Core.Storage.Postgres;
using Ballast.Core.Storage.Sqlite;
using Npgsql;

namespace Ballast.Core.Storage;

public enum StoreProvider { Sqlite, Postgres }

/// <summary>Where a store is: a SQLite file (<see cref="Target"/> = full path) or a PostgreSQL database
/// (<see cref="Target"/> = Npgsql connection string, password included; <see cref="Description"/> never has it).</summary>
public sealed record StoreLocation(StoreProvider Provider, string Target, string Description)
{
    public override string ToString() => Description; // a location printed by accident must not show the password
}

/// <summary>
/// Opens the store named by <c>--db</c>: a file path means SQLite; <c>postgres://user:password@host:port/database</c>
/// (or <c>postgresql://</c>, optional <c>?sslmode=require</c>-style parameters) or an Npgsql connection string
/// (<c>Host=...;Database=...</c>) means PostgreSQL. Without <c>--db</c>: the BALLAST_DB environment variable,
/// then <c>./ballast.db</c>.
/// </summary>
public static class StoreFactory
{
    public const string EnvironmentVariable = "BALLAST_DB";
    public const string DefaultPath = "./ballast.db";

    private static readonly HashSet<string> ConnectionKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "server", "port", "database", "db", "username", "user id", "userid", "user", "password", "pwd",
        "ssl mode", "sslmode", "timeout", "options", "search path", "application name", "passfile",
    };

    /// <summary>Opens (creating or migrating) the store; <see cref="StoreException"/> with a message for users when it cannot.</summary>
    public static IBallastStore Open(string? db)
    {
        var location = Resolve(db);
        return location.Provider == StoreProvider.Sqlite ? new SqliteStore(location.Target) : new PostgresStore(location.Target);
    }

    /// <summary>"SQLite /full/path" or "PostgreSQL host:port/database" (never the password).</summary>
    public static string Describe(string? db) => Resolve(db).Description;

    public static StoreLocation Resolve(string? db) => Resolve(db, Environment.GetEnvironmentVariable);

    internal static StoreLocation Resolve(string? db, Func<string, string?> environment)
    {
        string text = !string.IsNullOrWhiteSpace(db) ? db.Trim()
            : environment(EnvironmentVariable) is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment.Trim()
            : DefaultPath;

        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return FromUrl(text);
        if (IsConnectionString(text))
            return FromConnectionString(text);
        string path;
        try { path = Path.GetFullPath(text); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new StoreException($"\"{text}\" is neither a file path nor a PostgreSQL address: {e.Message}", e);
        }
        return new StoreLocation(StoreProvider.Sqlite, path, "SQLite " + path);
    }

    /// <summary>Npgsql's <c>key=value;...</c> form: an '=' and either a ';' or a known first keyword (a file name rarely has both).</summary>
    private static bool IsConnectionString(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) return false;
        return text.Contains(';', StringComparison.Ordinal) || ConnectionKeywords.Contains(text[..eq].Trim());
    }

    private static StoreLocation FromConnectionString(string text)
    {
        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(text); }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new StoreException($"not a valid PostgreSQL connection string: {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new StoreException("the PostgreSQL connection string names no Host");
        return new StoreLocation(StoreProvider.Postgres, builder.ConnectionString, PostgresStore.Describe(builder));
    }

    private const string UrlForm = "postgres://user:password@host:port/database";

    private static StoreLocation FromUrl(string text)
    {
        // The text is not echoed in errors: it may hold a password.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new StoreException($"the PostgreSQL URL is not valid; expected {UrlForm}");
        string database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
            throw new StoreException($"the PostgreSQL URL names no database; expected {UrlForm}");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
        };
        if (uri.UserInfo.Length > 0)
        {
            int colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            string value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            try { builder[key] = value; }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new StoreException($"the PostgreSQL URL has a parameter \"{key}\" that Npgsql does not accept: {e.Message}", e);
            }
        }
        return new StoreLocation(StoreProvider.Postgres, builder.ConnectionString, PostgresStore.Describe(builder));
    }
}
