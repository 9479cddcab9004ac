using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Data;

/// <summary>
/// Reads for lists, queues, reports, tallies, the dashboard and exports: the hot standby named by
/// <c>ConnectionStrings:AfterSalesReadOnly</c> when there is one (else the primary, as
/// <see cref="AfterSalesDbContext"/>), never tracking, never saving. Pages that must see their own writes
/// (a save's redirect, edit forms with their version checks) read <see cref="AfterSalesDbContext"/>;
/// <see cref="Infrastructure.Postgres.ReadRouting"/> also sends a browser's requests to the primary for a
/// few seconds after it wrote anything.
/// </summary>
public sealed class ReadDbContext(DbContextOptions<ReadDbContext> options) : AfterSalesDbContext(options)
{
    public override int SaveChanges(bool acceptAllChangesOnSuccess) => throw ReadOnly();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) => throw ReadOnly();

    private static InvalidOperationException ReadOnly() =>
        new("ReadDbContext only reads (it may be a read-only standby): save through AfterSalesDbContext.");
}
