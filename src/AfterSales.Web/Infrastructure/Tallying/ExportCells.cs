using System.Text;

namespace AfterSales.Web.Infrastructure.Tallying;

/// <summary>Text cells for spreadsheets: anything a spreadsheet would read as a formula is prefixed with a quote.</summary>
public static class ExportCells
{
    public static string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }

    /// <summary>One CSV field (RFC 4180 quoting) of a text value, formula-safe.</summary>
    public static string Csv(string? value)
    {
        var safe = Safe(value);
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    public static byte[] CsvBytes(IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join(',', row)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
