using AfterSales.Domain.Discipline;
using AfterSales.Domain.WorkOrders;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AfterSales.Domain.Tests.WorkOrders;

/// <summary>Extra services sold on site (Part 5 art. 30): a separate sale, its net income, the commission on it.</summary>
public class ExtraServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static WorkOrder Diagnosed()
    {
        var w = WorkOrder.Create(1, "tech-1", new DateOnly(2026, 3, 2), TimeSlot.Morning, Now, "dispatch1");
        w.Accept(Now);
        w.Arrive(Now, true, null);
        w.Diagnose("电容失效", false, Now);
        return w;
    }

    [Fact]
    public void Extra_services_add_up_to_their_own_income_and_net_income()
    {
        var w = Diagnosed();
        w.AddExtraService("  加装防盗器 ", 120m, 45m);
        w.AddExtraService("清洗保养", 80m);

        Assert.Equal(2, w.ExtraServices.Count);
        Assert.Equal(new ExtraServiceLine("加装防盗器", 120m, 45m), w.ExtraServices[0]);
        Assert.Equal(0m, w.ExtraServices[1].MaterialCost);
        Assert.Equal(75m, w.ExtraServices[0].NetIncome);
        Assert.Equal(200m, w.ExtraIncome);
        Assert.Equal(155m, w.ExtraNetIncome);
    }

    [Fact]
    public void A_work_order_without_extra_services_has_no_extra_income()
    {
        var w = Diagnosed();
        Assert.Empty(w.ExtraServices);
        Assert.Equal(0m, w.ExtraIncome);
        Assert.Equal(0m, w.ExtraNetIncome);
    }

    public static TheoryData<string?, decimal, decimal, string> BadLines() => new()
    {
        { null, 120m, 0m, "field.required" },
        { "   ", 120m, 0m, "field.required" },
        { new string('装', ExtraServiceLine.DescriptionMaxLength + 1), 120m, 0m, "field.too_long" },
        { "加装防盗器", 0m, 0m, "extra.charge_not_positive" },
        { "加装防盗器", -120m, 0m, "extra.charge_not_positive" },
        { "加装防盗器", 120.005m, 0m, "charges.amount_precision" },
        { "加装防盗器", 120m, -1m, "charges.negative_amount" },
        { "加装防盗器", 120m, 45.001m, "charges.amount_precision" },
        { "加装防盗器", 120m, 120.01m, "extra.cost_above_charge" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void An_extra_service_needs_a_description_a_charge_above_0_and_a_cost_not_above_the_charge(string? description, decimal charge, decimal cost, string code)
    {
        var w = Diagnosed();
        Assert.Equal(code, Assert.Throws<DomainException>(() => w.AddExtraService(description, charge, cost)).Code);
        Assert.Empty(w.ExtraServices);
    }

    [Fact]
    public void The_refusals_of_an_amount_name_which_amount_they_refuse()
    {
        var w = Diagnosed();
        Assert.Equal(ExtraServiceLine.ChargeName, Assert.Throws<DomainException>(() => w.AddExtraService("清洗", 80.123m)).Args[0]);
        Assert.Equal(ExtraServiceLine.CostName, Assert.Throws<DomainException>(() => w.AddExtraService("清洗", 80m, -1m)).Args[0]);
    }

    [Theory]
    [InlineData(120, 120, 0)] // sold at cost: no net income, nothing to commission
    [InlineData(0.01, 0, 0.01)]
    [InlineData(999999.99, 0.01, 999999.98)]
    public void The_edges_of_the_amounts_are_accepted(decimal charge, decimal cost, decimal net)
    {
        var w = Diagnosed();
        w.AddExtraService(new string('装', ExtraServiceLine.DescriptionMaxLength), charge, cost);
        Assert.Equal(net, w.ExtraNetIncome);
    }

    [Fact]
    public void A_line_made_outside_the_factory_with_a_cost_above_the_charge_still_has_no_negative_net_income()
    {
        Assert.Equal(0m, new ExtraServiceLine("加装防盗器", 40m, 45m).NetIncome);
    }

    [Fact]
    public void At_most_ten_extra_services_are_recorded()
    {
        var w = Diagnosed();
        for (var i = 0; i < WorkOrder.MaxExtraServices; i++)
        {
            w.AddExtraService("清洗保养", 80m);
        }

        Assert.Equal("workorder.too_many_extras", Assert.Throws<DomainException>(() => w.AddExtraService("清洗保养", 80m)).Code);
        Assert.Equal(WorkOrder.MaxExtraServices, w.ExtraServices.Count);
    }

    [Fact]
    public void An_extra_service_is_removed_by_its_index_while_diagnosed_only()
    {
        var w = Diagnosed();
        w.AddExtraService("加装防盗器", 120m, 45m);
        w.AddExtraService("清洗保养", 80m);
        Assert.Equal("workorder.no_such_extra", Assert.Throws<DomainException>(() => w.RemoveExtraService(2)).Code);
        Assert.Equal("workorder.no_such_extra", Assert.Throws<DomainException>(() => w.RemoveExtraService(-1)).Code);
        w.RemoveExtraService(0);
        Assert.Equal("清洗保养", Assert.Single(w.ExtraServices).Description);

        w.Complete("王女士", Signature(), null, Now);
        Assert.Equal("workorder.illegal_step", Assert.Throws<DomainException>(() => w.RemoveExtraService(0)).Code);
        Assert.Equal("workorder.illegal_step", Assert.Throws<DomainException>(() => w.AddExtraService("清洗保养", 80m)).Code);
        Assert.Single(w.ExtraServices);
    }

    [Theory]
    [InlineData(true, null, 0)]
    [InlineData(false, 300, 300)]
    public void Extra_services_are_never_part_of_the_repair_charge(bool inWarranty, int? quote, decimal customerPaysForTheRepair)
    {
        var w = Diagnosed();
        w.AddPart(new PartLine("C-35UF", "电容", 1, 40m, true));
        w.AddExtraService("加装防盗器", 120m, 45m);

        var charges = w.Charges(inWarranty, quote);

        Assert.Equal(customerPaysForTheRepair, charges.CustomerCharge);
        Assert.Equal(40m, charges.InternalCost);
        Assert.Equal(120m, w.ExtraIncome);
    }

    [Theory]
    [InlineData(75, 0.20, 15)]
    [InlineData(155, 0.20, 31)]
    [InlineData(0.02, 0.25, 0.01)]     // 0.005 → 0.01: half away from zero
    [InlineData(0.06, 0.25, 0.02)]     // 0.015 → 0.02 (banker's rounding would give 0.02 as well)
    [InlineData(0.1, 0.25, 0.03)]      // 0.025 → 0.03 (banker's rounding would give 0.02)
    [InlineData(33.33, 0.2, 6.67)]     // 6.666
    [InlineData(1, 1, 1)]
    [InlineData(0, 0.2, 0)]
    [InlineData(-50, 0.2, 0)]          // no net income, no commission
    public void The_commission_is_the_rate_of_the_net_income_rounded_half_away_from_zero(decimal net, decimal rate, decimal cash)
    {
        Assert.Equal(cash, Commission.Cash(net, rate));
    }

    /// <summary>Any net income in fen up to 10 million CNY, any rate in whole percent 1–100.</summary>
    [Property]
    public Property The_commission_is_in_whole_fen_within_half_a_fen_of_the_exact_share_and_never_above_the_net_income() =>
        Prop.ForAll(
            Gen.Zip(Gen.Choose(0, 1_000_000_000), Gen.Choose(1, 100)).ToArbitrary(),
            x =>
            {
                var net = x.Item1 / 100m;
                var rate = x.Item2 / 100m;
                var cash = Commission.Cash(net, rate);
                return cash == Math.Round(cash, 2) && Math.Abs(cash - net * rate) <= 0.005m && cash <= net && cash >= 0;
            });

    [Theory]
    [InlineData(0)]
    [InlineData(-0.2)]
    [InlineData(20)] // 20 meant as "20 %"
    public void A_commission_rate_is_a_share_above_0_and_at_most_1(decimal rate)
    {
        Assert.Equal("commission.rate_out_of_range", Assert.Throws<DomainException>(() => Commission.Cash(75m, rate)).Code);
    }

    [Fact]
    public void The_commission_rule_refuses_a_rate_above_1()
    {
        var error = Assert.Throws<DomainException>(() => new DisciplineRule("P5-30", "额外服务创收", "Extra income", RuleAudience.Repair, RuleKind.Reward, null, 0m, RuleTrigger.ExtraIncomeCommission, 20m));
        Assert.Equal("rule.commission_rate", error.Code);
        Assert.Equal(0.2m, new DisciplineRule("P5-30", "额外服务创收", "Extra income", RuleAudience.Repair, RuleKind.Reward, null, 0m, RuleTrigger.ExtraIncomeCommission, 0.2m).Threshold);
    }

    private static byte[] Signature()
    {
        var bytes = new byte[200];
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        header.CopyTo(bytes, 0);
        return bytes;
    }
}
