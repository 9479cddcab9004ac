namespace AfterSales.Web.Infrastructure.Exporting;

/// <summary>
/// Text for spreadsheets, shared by every export (CSV and Excel): a cell a spreadsheet would run as a formula
/// (it begins with = + - @ tab or CR) is prefixed with an apostrophe, so it shows as the text it is.
/// </summary>
public static class SpreadsheetText
{
    public static string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }
}
