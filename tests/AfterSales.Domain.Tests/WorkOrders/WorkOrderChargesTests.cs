using AfterSales.Domain.WorkOrders;

namespace AfterSales.Domain.Tests.WorkOrders;

public class WorkOrderChargesTests
{
    private static WorkOrderCharges Sample()
    {
        var charges = new WorkOrderCharges();
        charges.AddPart(new PartLine("P-100", "Pump seal", 2, 35.50m, HandedToCustomer: true));
        charges.AddPart(new PartLine("P-200", "Control board", 1, 420.00m, HandedToCustomer: false, AgreedExtra: true));
        charges.AddLabour(new LabourLine(1.5m, 80.00m));
        charges.AddLabour(new LabourLine(0.5m, 80.00m, AgreedExtra: true));
        charges.AddTravel(new TravelLine("Taxi to site", 46.00m));
        return charges;
    }

    [Fact]
    public void In_warranty_the_customer_pays_nothing_and_the_company_bears_every_line()
    {
        var totals = Sample().Totals(inWarranty: true);

        Assert.Equal(new ChargeTotals(491.00m, 160.00m, 46.00m, 697.00m, 0m, 0m, 0m), totals);
    }

    [Fact]
    public void Out_of_warranty_the_customer_pays_the_accepted_quote_plus_agreed_extras()
    {
        var charges = Sample();
        charges.AcceptQuote(250.00m);

        var totals = charges.Totals(inWarranty: false);

        Assert.Equal(697.00m, totals.InternalCost);
        Assert.Equal(250.00m, totals.AcceptedQuote);
        Assert.Equal(460.00m, totals.AgreedExtras); // control board 420 + half an hour 40
        Assert.Equal(710.00m, totals.CustomerCharge);
    }

    [Fact]
    public void Out_of_warranty_totals_need_an_accepted_quote()
    {
        var ex = Assert.Throws<DomainException>(() => Sample().Totals(inWarranty: false));
        Assert.Equal("charges.quote_not_accepted", ex.Code);
    }

    [Fact]
    public void A_quote_is_accepted_once()
    {
        var charges = new WorkOrderCharges();
        charges.AcceptQuote(100m);

        var ex = Assert.Throws<DomainException>(() => charges.AcceptQuote(120m));

        Assert.Equal("charges.quote_already_accepted", ex.Code);
        Assert.Equal(100m, charges.AcceptedQuoteTotal);
    }

    [Theory]
    [InlineData(1.25, 33.33, 41.66)] // 41.6625
    [InlineData(0.5, 33.33, 16.67)]  // 16.665 rounds half away from zero
    [InlineData(2, 80, 160)]
    public void Labour_is_hours_times_rate_rounded_to_fen(decimal hours, decimal rate, decimal amount) =>
        Assert.Equal(amount, new LabourLine(hours, rate).Amount);

    [Fact]
    public void An_empty_work_order_costs_nothing()
    {
        var charges = new WorkOrderCharges();
        charges.AcceptQuote(0m);

        Assert.Equal(new ChargeTotals(0m, 0m, 0m, 0m, 0m, 0m, 0m), charges.Totals(inWarranty: false));
    }

    public static TheoryData<Action<WorkOrderCharges>, string> BadLines => new()
    {
        { c => c.AddPart(new PartLine("", "Seal", 1, 1m, false)), "charges.part_number_required" },
        { c => c.AddPart(new PartLine("P-1", " ", 1, 1m, false)), "charges.part_name_required" },
        { c => c.AddPart(new PartLine("P-1", "Seal", 0, 1m, false)), "charges.quantity_not_positive" },
        { c => c.AddPart(new PartLine("P-1", "Seal", 1, -1m, false)), "charges.negative_amount" },
        { c => c.AddPart(new PartLine("P-1", "Seal", 1, 1.005m, false)), "charges.amount_precision" },
        { c => c.AddLabour(new LabourLine(0m, 80m)), "charges.hours_not_positive" },
        { c => c.AddLabour(new LabourLine(1.333m, 80m)), "charges.hours_not_positive" },
        { c => c.AddLabour(new LabourLine(1m, -80m)), "charges.negative_amount" },
        { c => c.AddTravel(new TravelLine("", 10m)), "charges.travel_description_required" },
        { c => c.AddTravel(new TravelLine("Bus", -10m)), "charges.negative_amount" },
        { c => c.AcceptQuote(-1m), "charges.negative_amount" },
        { c => c.AcceptQuote(10.001m), "charges.amount_precision" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Malformed_lines_are_refused_and_not_recorded(Action<WorkOrderCharges> add, string code)
    {
        var charges = new WorkOrderCharges();

        var ex = Assert.Throws<DomainException>(() => add(charges));

        Assert.Equal(code, ex.Code);
        Assert.Empty(charges.Parts);
        Assert.Empty(charges.Labour);
        Assert.Empty(charges.Travel);
        Assert.Null(charges.AcceptedQuoteTotal);
    }

    [Fact]
    public void Whether_an_old_part_went_back_to_the_customer_is_kept_on_the_line()
    {
        var charges = Sample();

        Assert.Equal([true, false], charges.Parts.Select(p => p.HandedToCustomer));
    }
}
