using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Postgres;
using AfterSales.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AfterSales.Web.Data;

public static class DatabaseMigrator
{
    /// <summary>Any fixed number: the advisory lock every instance takes while migrating.</summary>
    private const long MigrationLockKey = 0x4166_7465_724D_6967;

    /// <summary>
    /// Everything a database needs before the app serves, as the owner (<see cref="DatabaseRoles"/>) and under one
    /// PostgreSQL advisory lock, so any number of instances or <c>migrate</c> runs starting at once on one database all
    /// succeed: the database is created if missing, pending migrations applied, the app's role created and granted its
    /// rights, then the six roles, the first administrator, the holiday calendar and the rule catalog added if missing.
    /// The others wait for the lock, then find nothing left to do.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        DatabaseRoles.UseOwner(provider);
        var db = provider.GetRequiredService<AfterSalesDbContext>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator).FullName!);
        await using var lockConnection = await LockAsync(db, cancellationToken);
        try
        {
            await MigrateLockedAsync(db, cancellationToken);
            await DatabaseRoles.GrantAsync(lockConnection, provider.GetRequiredService<IConfiguration>(), logger, cancellationToken);
            await provider.GetRequiredService<AccountBootstrap>().EnsureAsync();
            var reference = provider.GetRequiredService<ReferenceData>();
            await reference.EnsureCalendarAsync(cancellationToken);
            await reference.EnsureRuleCatalogAsync(cancellationToken);
        }
        finally
        {
            await UnlockAsync(lockConnection);
        }
    }

    /// <summary>Migrations only (tests that build a database at a given point use <see cref="MigrateAsync"/> the same way).</summary>
    public static async Task MigrateAsync(AfterSalesDbContext db, CancellationToken cancellationToken = default)
    {
        await using var lockConnection = await LockAsync(db, cancellationToken);
        try
        {
            await MigrateLockedAsync(db, cancellationToken);
        }
        finally
        {
            await UnlockAsync(lockConnection);
        }
    }

    /// <summary>Creates the database if needed, then takes the migration lock on a connection of its own.</summary>
    private static async Task<NpgsqlConnection> LockAsync(AfterSalesDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance created it first (at the same instant PostgreSQL says 23505 on pg_database).
            }
        }

        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand($"select pg_advisory_lock({MigrationLockKey})", connection);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task MigrateLockedAsync(AfterSalesDbContext db, CancellationToken cancellationToken)
    {
        // EF reads its history table before creating it, and logs that failed read as an error on every fresh
        // database: the table is made first, with EF's own script.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({MigrationLockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with it.
        }
    }
}
