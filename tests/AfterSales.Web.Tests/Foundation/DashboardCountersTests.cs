using AfterSales.Web.Tests.Catalog;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>The dashboard's whole-table figures come from counters the database keeps, and they stay true.</summary>
public sealed class DashboardCountersTests(AppFixture app) : AppTest(app)
{
    private async Task AssertTilesMatchCountsAsync(AppClient client)
    {
        var page = await client.GetDocumentAsync("/");
        await using var db = App.NewDbContext();
        Assert.Equal((await db.Customers.CountAsync()).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), page.Text("[data-testid=count-customers]"));
        Assert.Equal((await db.Units.CountAsync()).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), page.Text("[data-testid=count-units]"));
        Assert.Equal((await db.Units.CountAsync(u => !u.HasProofOfPurchase)).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), page.Text("[data-testid=count-units-without-proof]"));
    }

    [Fact]
    public async Task Customer_and_unit_tiles_follow_inserts_updates_and_deletes()
    {
        using var desk = await Client().SignedInAsync("desk1");
        await AssertTilesMatchCountsAsync(desk);

        var model = await CatalogData.ModelAsync(App);
        var a = await CatalogData.CustomerAsync(App, "计数甲", "13600000001");
        var b = await CatalogData.CustomerAsync(App, "计数乙", "13600000002");
        await CatalogData.UnitAsync(App, a.Id, model.Id, "CNT-0001", proof: true);
        var without = await CatalogData.UnitAsync(App, b.Id, model.Id, "CNT-0002", proof: false);
        await CatalogData.UnitAsync(App, b.Id, model.Id, "CNT-0003", proof: false);
        await AssertTilesMatchCountsAsync(desk);

        await using (var db = App.NewDbContext())
        {
            var unit = await db.Units.SingleAsync(u => u.Id == without.Id);
            unit.SetPurchase(CatalogData.Today.AddMonths(-2), true, "INV-9", "国美", CatalogData.Today);
            await db.SaveChangesAsync();
            await db.Units.Where(u => u.SerialNumber == "CNT-0001").ExecuteDeleteAsync();
        }

        await AssertTilesMatchCountsAsync(desk);
    }
}
