using AfterSales.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Data;

public static class DatabaseMigrator
{
    /// <summary>
    /// Applies pending migrations. EF Core takes a database-wide lock while migrating, so several
    /// instances starting at once apply each migration exactly once.
    /// </summary>
    public static async Task ApplyAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfterSalesDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }

    public static async Task BootstrapAccountsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().EnsureAsync();
    }
}
