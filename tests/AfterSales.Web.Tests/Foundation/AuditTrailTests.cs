using AfterSales.Domain.Customers;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Foundation;

public sealed class AuditTrailTests(AppFixture app) : AppTest(app)
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public async Task A_successful_save_leaves_exactly_one_audit_row_per_changed_entity()
    {
        await using var db = App.NewDbContext();
        var model = await db.ProductModels.FirstAsync();
        var customer = new Customer(CustomerKind.Person, "李雷", "北京市海淀区", DateTimeOffset.UtcNow);
        customer.AddPhone("13800138000");
        db.Customers.Add(customer);
        db.Units.Add(new Unit(customer.Id, model.Id, "SN-AUDIT-1", Today.AddDays(-30), true, "INV-1", null, Today));
        await db.SaveChangesAsync();

        var rows = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["Customer", "CustomerPhone", "Unit"], rows.Select(r => r.EntityName).Order());
        Assert.All(rows, r => Assert.Equal("Added", r.Action));
        Assert.Equal(customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.Single(r => r.EntityName == "Customer").EntityKey);
        Assert.Contains("李雷", rows.Single(r => r.EntityName == "Customer").Changes, StringComparison.Ordinal);

        customer.Update(CustomerKind.Person, "李雷", null, "上海市浦东新区");
        await db.SaveChangesAsync();
        var update = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "Modified").SingleAsync();
        Assert.Equal("Customer", update.EntityName);
        Assert.Contains("北京市海淀区", update.Changes, StringComparison.Ordinal);
        Assert.Contains("上海市浦东新区", update.Changes, StringComparison.Ordinal);
        Assert.Equal("system", update.UserName);
    }

    [Fact]
    public async Task A_failed_save_leaves_no_audit_row()
    {
        await using var db = App.NewDbContext();
        var model = await db.ProductModels.FirstAsync();
        var customer = new Customer(CustomerKind.Person, "韩梅梅", null, DateTimeOffset.UtcNow);
        customer.AddPhone("13900139000");
        db.Customers.Add(customer);
        db.Units.Add(new Unit(customer.Id, model.Id, "SN-DUP", null, false, null, null, Today));
        db.Units.Add(new Unit(customer.Id, model.Id, "SN-DUP", null, false, null, null, Today));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var fresh = App.NewDbContext();
        Assert.Equal(0, await fresh.AuditEntries.CountAsync());
        Assert.Equal(0, await fresh.Customers.CountAsync());
    }
}
