using AfterSales.Web.Infrastructure.Exporting;

namespace AfterSales.Web.Infrastructure.Tallies;

/// <summary>The tally export's cells, through the application's one spreadsheet-text helper and CSV writer (Exporting).</summary>
public static class ExportCells
{
    public static string Safe(string? value) => SpreadsheetText.Safe(value);

    /// <summary>One CSV field (RFC 4180 quoting) of a text value, formula-safe.</summary>
    public static string Csv(string? value) => Exporting.Csv.Field(value);

    /// <summary>Rows of fields already made with <see cref="Csv(string?)"/>.</summary>
    public static byte[] CsvBytes(IEnumerable<IReadOnlyList<string>> rows) => Exporting.Csv.EncodeLines(rows.Select(row => string.Join(',', row)));
}
