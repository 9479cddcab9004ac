using System.Globalization;
using AfterSales.Domain.Catalog;
using FsCheck.Xunit;

namespace AfterSales.Domain.Tests.Warranty;

public class SerialDateFormatTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2:yyMM", "AB2405XYZ", "2024-05-01")] // month only: the 1st
    [InlineData("0:yyyyMM", "202412-0007", "2024-12-01")]
    [InlineData("3:yyMMdd", "KFR250131A", "2025-01-31")]
    [InlineData("0:yyyyMMdd", "20240229001", "2024-02-29")]
    [InlineData("0:yyMM", "7912", "2079-12-01")] // yy below 80 is 20yy
    [InlineData("0:yyMM", "8501", "1985-01-01")] // yy from 80 is 19yy
    public void Serial_number_yields_its_manufacture_date(string spec, string serial, string expected)
    {
        var format = SerialDateFormat.Parse(spec)!;

        Assert.True(format.TryDecode(serial, out var date));
        Assert.Equal(D(expected), date);
    }

    [Theory]
    [InlineData("2:yyMM", "AB2413XYZ")] // month 13
    [InlineData("2:yyMM", "AB2400XYZ")] // month 0
    [InlineData("0:yyMMdd", "250229")] // no 29 February 2025
    [InlineData("0:yyMMdd", "250100")] // day 0
    [InlineData("0:yyyyMMdd", "00000101")] // year 0
    [InlineData("2:yyMM", "AB24O5")] // letter O, not zero
    [InlineData("2:yyMM", "AB240")] // too short
    [InlineData("2:yyMM", "")]
    [InlineData("2:yyMM", null)]
    [InlineData("1:yyMM", "X２４05")] // full-width digits are not ASCII digits
    public void Serial_without_a_real_date_at_the_declared_place_decodes_to_nothing(string spec, string? serial) =>
        Assert.False(SerialDateFormat.Parse(spec)!.TryDecode(serial, out _));

    [Fact]
    public void Start_beyond_any_serial_decodes_to_nothing() =>
        Assert.False(new SerialDateFormat(int.MaxValue, "yyMM").TryDecode("2405", out _));

    [Theory]
    [InlineData("2:yyMM", "2:yyMM")]
    [InlineData(" 10:yyyyMMdd ", "10:yyyyMMdd")]
    [InlineData("0:yyMMdd", "0:yyMMdd")]
    public void Compact_text_form_round_trips(string spec, string expected)
    {
        var format = SerialDateFormat.Parse(spec);

        Assert.Equal(expected, format!.ToString());
        Assert.Equal(format, SerialDateFormat.Parse(format.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_spec_means_the_serial_carries_no_date(string? spec) =>
        Assert.Null(SerialDateFormat.Parse(spec));

    [Theory]
    [InlineData("yyMM")]
    [InlineData("a:yyMM")]
    [InlineData("-1:yyMM")]
    [InlineData("2:MMyy")]
    [InlineData("2:yymm")]
    [InlineData("2:yyMM:3")]
    [InlineData("2 : yyMM")]
    public void Malformed_spec_is_refused(string spec) =>
        Assert.Equal(
            "catalog.serial_date_format_invalid",
            Assert.Throws<DomainException>(() => SerialDateFormat.Parse(spec)).Code);

    [Property]
    public bool Any_date_written_into_a_serial_reads_back(int offset, byte start)
    {
        var date = new DateOnly(2000, 1, 1).AddDays(((offset % 29_000) + 29_000) % 29_000); // 2000 … 2079
        var serial = new string('X', start % 8) + date.ToString("yyMMdd", CultureInfo.InvariantCulture) + "Q1";

        return new SerialDateFormat(start % 8, "yyMMdd").TryDecode(serial, out var decoded) && decoded == date;
    }
}
