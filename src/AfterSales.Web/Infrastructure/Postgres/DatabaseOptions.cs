using System.ComponentModel.DataAnnotations;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>
/// The database connections (<c>Database:*</c>): the pool, prepared statements, migrations at start, how long a browser
/// reads the primary after a save. Read before the services exist (the connection strings are built from it) and
/// checked there, with the same one line as every setting.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply migrations at start outside Development.</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>After a browser sends anything but a GET, its requests read the primary for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Database:ReadYourWrites (Database__ReadYourWrites) must be a time span from 00:00:00 to 01:00:00.")]
    public TimeSpan ReadYourWrites { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections one instance may hold (unless the connection string sets <c>Maximum Pool Size</c>).</summary>
    [Range(1, 100_000, ErrorMessage = "Database:MaxPoolSize (Database__MaxPoolSize) must be a number of connections from 1 to 100000.")]
    public int MaxPoolSize { get; set; } = 40;

    /// <summary>Statements each pooled connection prepares (unless the connection string sets <c>Max Auto Prepare</c>); 0 is off.</summary>
    [Range(0, 10_000, ErrorMessage = "Database:MaxAutoPrepare (Database__MaxAutoPrepare) must be a number of statements from 0 (off) to 10000.")]
    public int MaxAutoPrepare { get; set; }

    /// <summary>Worked out at start from the server's <c>max_connections</c> (<see cref="DatabaseStartup.PoolCeilingKey"/>), not set by hand.</summary>
    public int? PoolCeiling { get; set; }

    public static DatabaseOptions Read(IConfiguration configuration) => Settings.SettingsSetup.Read<DatabaseOptions>(configuration, Section);
}

/// <summary>Where the Development cluster lives (<c>LocalDatabase:Path</c>; unset: <c>.data/postgres</c> at the repository's root).</summary>
public sealed class LocalDatabaseOptions
{
    public const string Section = "LocalDatabase";

    public string? Path { get; set; }
}
