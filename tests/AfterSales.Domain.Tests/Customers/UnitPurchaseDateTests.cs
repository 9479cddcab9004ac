using AfterSales.Domain.Customers;

namespace AfterSales.Domain.Tests.Customers;

public sealed class UnitPurchaseDateTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("1990-01-01")]
    [InlineData("2026-11-27")]
    [InlineData("2010-06-15")]
    public void A_purchase_from_1990_up_to_today_is_kept(string date)
    {
        var unit = new Unit(1, 1, "SN1", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), true, null, null, Today);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), unit.PurchaseDate);
    }

    [Theory]
    [InlineData("0001-01-01", "unit.purchase_date_too_early")]
    [InlineData("1989-12-31", "unit.purchase_date_too_early")]
    [InlineData("2026-11-28", "unit.future_purchase_date")]
    [InlineData("9999-12-31", "unit.future_purchase_date")]
    public void A_purchase_before_1990_or_after_today_is_refused(string date, string code)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(code, Assert.Throws<DomainException>(() => new Unit(1, 1, "SN1", day, true, null, null, Today)).Code);
        Assert.Equal(code, Assert.Throws<DomainException>(() => Unit.CheckPurchaseDate(day, Today)).Code);
    }

    [Fact]
    public void No_purchase_date_is_allowed()
    {
        Unit.CheckPurchaseDate(null, Today);
        Assert.Null(new Unit(1, 1, "SN1", null, false, null, null, Today).PurchaseDate);
    }
}
