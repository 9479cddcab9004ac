namespace AfterSales.Web.Infrastructure.FollowUps;

/// <summary>The reports' CSV, through the application's one CSV writer (<see cref="Exporting.Csv"/>).</summary>
public static class Csv
{
    public static string Cell(string? value) => Exporting.Csv.Field(value);

    public static string Line(IEnumerable<string?> cells) => Exporting.Csv.Line(cells);

    /// <summary>UTF-8 with a byte order mark, so that Excel reads Chinese correctly.</summary>
    public static byte[] Encode(IEnumerable<IEnumerable<string?>> rows) => Exporting.Csv.Encode(rows);
}
