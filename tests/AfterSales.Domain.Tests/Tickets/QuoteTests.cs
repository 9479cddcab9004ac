using AfterSales.Domain.Tickets;
using FsCheck.Xunit;

namespace AfterSales.Domain.Tests.Tickets;

public class QuoteTests
{
    [Theory]
    [InlineData("2", "10.005", "20.01")]
    [InlineData("1.5", "33.333", "50.00")] // 49.9995
    [InlineData("3", "0", "0")]
    [InlineData("0.5", "0.01", "0.01")] // 0.005 rounds half away from zero
    [InlineData("1", "1280", "1280")]
    public void Line_total_is_quantity_times_price_rounded_to_cents(string quantity, string unitPrice, string expected)
    {
        var line = new QuoteLine(QuoteLineKind.Part, "Compressor", "CMP-1", decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(unitPrice, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), line.Total);
    }

    [Fact]
    public void Quote_total_is_the_sum_of_the_rounded_line_totals()
    {
        var quote = new Quote(
        [
            new QuoteLine(QuoteLineKind.Part, "Fan motor", "FM-220", 1, 286.50m),
            new QuoteLine(QuoteLineKind.Labour, "Replace fan motor", null, 1.5m, 80m),
            new QuoteLine(QuoteLineKind.Travel, "Travel, 12 km", null, 12, 1.005m),
        ]);

        Assert.Equal(286.50m + 120m + 12.06m, quote.Total);
        Assert.Equal(3, quote.Lines.Count);
    }

    [Fact]
    public void Quote_needs_at_least_one_line() =>
        Assert.Equal("quote.no_lines", Assert.Throws<DomainException>(() => new Quote([])).Code);

    [Theory]
    [InlineData("Compressor", 0, 10, "quote.quantity_not_positive")]
    [InlineData("Compressor", -1, 10, "quote.quantity_not_positive")]
    [InlineData("Compressor", 1, -0.01, "quote.price_negative")]
    [InlineData("", 1, 10, "field.required")]
    [InlineData("   ", 1, 10, "field.required")]
    [InlineData("Compressor", 100_001, 10, "quote.amount_too_large")]
    [InlineData("Compressor", 1, 10_000_001, "quote.amount_too_large")]
    public void Invalid_quote_line_is_refused(string description, double quantity, double unitPrice, string code)
    {
        var error = Assert.Throws<DomainException>(() =>
            new QuoteLine(QuoteLineKind.Part, description, null, (decimal)quantity, (decimal)unitPrice));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Description_longer_than_200_characters_is_refused() =>
        Assert.Equal(
            "field.too_long",
            Assert.Throws<DomainException>(() => new QuoteLine(QuoteLineKind.Labour, new string('x', 201), null, 1, 1)).Code);

    [Fact]
    public void Unknown_line_kind_is_refused() =>
        Assert.Equal(
            "quote.kind_invalid",
            Assert.Throws<DomainException>(() => new QuoteLine((QuoteLineKind)9, "x", null, 1, 1)).Code);

    [Fact]
    public void Free_line_is_allowed_and_blank_part_number_is_none()
    {
        var line = new QuoteLine(QuoteLineKind.Labour, "  Check-up  ", "  ", 1, 0);

        Assert.Equal(0m, line.Total);
        Assert.Null(line.PartNumber);
        Assert.Equal("Check-up", line.Description);
    }

    [Property]
    public bool Quote_total_has_at_most_two_decimals_and_equals_the_sum_of_lines(uint[] cents, byte[] tenths)
    {
        if (cents.Length == 0)
        {
            return true;
        }

        var lines = cents
            .Select((c, i) => new QuoteLine(QuoteLineKind.Part, "p", null, 1 + ((i < tenths.Length ? tenths[i] : 0) / 10m), c % 1_000_000 / 1000m))
            .ToList();
        var quote = new Quote(lines);

        return quote.Total == lines.Sum(l => l.Total) && quote.Total == Math.Round(quote.Total, 2) && quote.Total >= 0;
    }
}
