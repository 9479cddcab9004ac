using AfterSales.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AfterSales.Web.Data;

public static class DatabaseMigrator
{
    /// <summary>Any fixed number: the advisory lock every instance takes while migrating.</summary>
    private const long MigrationLockKey = 0x4166_7465_724D_6967;

    public static async Task ApplyAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await MigrateAsync(scope.ServiceProvider.GetRequiredService<AfterSalesDbContext>(), cancellationToken);
    }

    /// <summary>
    /// Creates the database if needed and applies pending migrations while holding a PostgreSQL advisory
    /// lock, so several instances starting at once apply each migration exactly once: the others wait,
    /// then find nothing left to do.
    /// </summary>
    public static async Task MigrateAsync(AfterSalesDbContext db, CancellationToken cancellationToken = default)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another instance created it first.
            }
        }

        await using var lockConnection = new NpgsqlConnection(db.Database.GetConnectionString());
        await lockConnection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({MigrationLockKey})", lockConnection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({MigrationLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public static async Task BootstrapAccountsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().EnsureAsync();
        var reference = scope.ServiceProvider.GetRequiredService<Infrastructure.Seeding.ReferenceData>();
        await reference.EnsureCalendarAsync();
        await reference.EnsureRuleCatalogAsync();
    }
}
