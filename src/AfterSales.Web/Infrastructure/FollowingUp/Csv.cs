using System.Text;

namespace AfterSales.Web.Infrastructure.FollowingUp;

/// <summary>CSV for spreadsheets: RFC 4180 quoting, and a cell a spreadsheet would run as a formula (= + - @ tab CR) is prefixed with an apostrophe.</summary>
public static class Csv
{
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell));

    /// <summary>UTF-8 with a byte order mark, so that Excel reads Chinese correctly.</summary>
    public static byte[] Encode(IEnumerable<IEnumerable<string?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(Line(row)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
