namespace AfterSales.Web.Infrastructure;

/// <summary>Text typed into a search box, made literal inside a LIKE pattern (backslash is PostgreSQL's default escape).</summary>
public static class LikePattern
{
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
