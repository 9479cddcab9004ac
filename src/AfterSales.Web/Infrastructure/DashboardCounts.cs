using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure;

/// <summary>The figures on the home page, read from the database.</summary>
public sealed class DashboardCounts(AfterSalesDbContext db)
{
    public sealed record Figures(int Customers, int Units, int Models, int ActiveStaff, int UnitsWithoutProof);

    public async Task<Figures> ReadAsync(CancellationToken cancellationToken) => new(
        await db.Customers.CountAsync(cancellationToken),
        await db.Units.CountAsync(cancellationToken),
        await db.ProductModels.CountAsync(m => !m.Discontinued, cancellationToken),
        await db.Users.CountAsync(u => !u.IsDisabled, cancellationToken),
        await db.Units.CountAsync(u => !u.HasProofOfPurchase, cancellationToken));
}
