namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>
/// Decides where the database is: the configured connection string <c>ConnectionStrings:AfterSales</c>,
/// or — in Development only — a private cluster started from the machine's PostgreSQL binaries.
/// </summary>
public static class DatabaseConnection
{
    public const string Name = "AfterSales";
    public const string DatabaseName = "aftersales";

    /// <summary>Returns the cluster it started (to stop when the app stops), or null when a connection string was given.</summary>
    public static async Task<LocalPostgres?> EnsureAsync(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(Name)))
        {
            return null;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new StartupException(
                $"No database configured. Set the app's connection string ConnectionStrings__{Name} (e.g. \"Host=db;Database=aftersales;Username=aftersales_app;Password=...\") and, where migrations run, the owner's ConnectionStrings__{DatabaseRoles.OwnerConnectionName}.");
        }

        if (LocalPostgres.FindBinaries() is null)
        {
            throw new StartupException(LocalPostgres.MissingBinariesMessage);
        }

        var folder = Settings.SettingsSetup.Read<LocalDatabaseOptions>(builder.Configuration, LocalDatabaseOptions.Section).Path ?? Path.Combine(RepositoryRoot(builder.Environment.ContentRootPath), ".data", "postgres");
        var cluster = await LocalPostgres.StartAsync(folder, forTests: false);
        try
        {
            await cluster.CreateDatabaseIfMissingAsync(DatabaseName);
            await cluster.EnsureAppRoleAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        // Migrations run as the cluster's superuser (the owner); the app as a role that owns nothing (DatabaseRoles).
        builder.Configuration[$"ConnectionStrings:{DatabaseRoles.OwnerConnectionName}"] = cluster.ConnectionString(DatabaseName);
        builder.Configuration[$"ConnectionStrings:{Name}"] = cluster.AppConnectionString(DatabaseName);
        return cluster;
    }

    /// <summary>
    /// The connection string with a pool sized below the server's connection limit (<c>Database:MaxPoolSize</c>,
    /// default 40, unless the string sets its own), so a few instances under load never take every connection
    /// and the server's reserved slots stay free for an operator.
    /// </summary>
    public static string? WithPoolLimit(IConfiguration configuration) => WithPoolLimit(configuration, Name);

    /// <summary>The connection string <paramref name="name"/> with the same pool limit (the read-only one has a pool of its own).</summary>
    public static string? WithPoolLimit(IConfiguration configuration, string name)
    {
        var connectionString = configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        var settings = DatabaseOptions.Read(configuration);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxPoolSize == new Npgsql.NpgsqlConnectionStringBuilder().MaxPoolSize)
        {
            builder.MaxPoolSize = settings.MaxPoolSize;
        }

        // A pooled connection keeps its session between uses. Resetting it (DISCARD ALL) on every return would throw
        // away the plans PostgreSQL caches for the triggers' statements and every prepared statement, so each request
        // would plan them again (~30 ms for a ticket insert against ~1.5 ms warm). Nothing sets session state on a
        // pooled connection: settings are SET LOCAL, advisory locks and LISTEN use connections of their own.
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        // Statements run often are prepared once per connection (parsed and planned once, not per request).
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = settings.MaxAutoPrepare;
        }

        // The server's reserved connections stay free (DatabaseStartup.ProbeAsync worked out the ceiling at start).
        if (settings.PoolCeiling is int ceiling && builder.MaxPoolSize > ceiling)
        {
            builder.MaxPoolSize = ceiling;
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, ceiling);
        }

        return builder.ConnectionString;
    }

    /// <summary>The folder holding AfterSales.sln above the content root, so `.data/` sits at the top of a clone.</summary>
    private static string RepositoryRoot(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AfterSales.sln")))
            {
                return dir.FullName;
            }
        }

        return contentRoot;
    }
}
