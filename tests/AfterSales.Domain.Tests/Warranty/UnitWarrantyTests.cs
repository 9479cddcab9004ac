using AfterSales.Domain.Products;
using AfterSales.Domain.Warranty;

namespace AfterSales.Domain.Tests.Warranty;

public sealed class UnitWarrantyTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static ProductModel Model(string? serialSpec = "2:yyMM") => new(1, "KFR-35GW", "挂壁式空调", 12, serialSpec);

    [Fact]
    public void Without_a_model_the_warranty_is_undetermined_unless_human_damage_decides()
    {
        Assert.Equal(WarrantyStatus.Undetermined, UnitWarranty.Decide(null, Today.AddMonths(-1), true, null, Today).Status);
        Assert.Equal("warranty.no_model", UnitWarranty.Decide(null, null, false, null, Today).Reasons.Single().Code);
        Assert.Equal(WarrantyStatus.OutOfWarranty, UnitWarranty.Decide(null, Today.AddMonths(-1), true, null, Today, humanDamage: true).Status);
    }

    [Fact]
    public void The_serial_numbers_manufacture_date_counts_when_the_purchase_date_is_unknown()
    {
        var decision = UnitWarranty.Decide(Model(), null, true, "KF2606-00001234", Today);
        Assert.Equal(WarrantyStatus.InWarranty, decision.Status);
        Assert.Contains(decision.Reasons, r => r.Code == "warranty.from_serial");
        Assert.Equal(WarrantyStatus.Undetermined, UnitWarranty.Decide(Model(serialSpec: null), null, true, "KF2606-00001234", Today).Status);
    }

    [Fact]
    public void Human_damage_found_on_site_puts_a_unit_in_its_period_out_of_warranty() =>
        Assert.Equal(WarrantyStatus.OutOfWarranty, UnitWarranty.Decide(Model(), Today.AddMonths(-2), true, "KF2609-1", Today, humanDamage: true).Status);
}
