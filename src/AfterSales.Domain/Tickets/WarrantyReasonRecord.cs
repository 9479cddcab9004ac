using System.Globalization;
using AfterSales.Domain.Warranty;

namespace AfterSales.Domain.Tickets;

/// <summary>
/// A <see cref="WarrantyReason"/> as kept on a ticket: the code, the English text, and the arguments
/// formatted invariantly (dates as yyyy-MM-dd) so the web layer can translate <c>Domain.{Code}</c> later.
/// </summary>
public sealed record WarrantyReasonRecord(string Code, string Text, string[] Args)
{
    public static WarrantyReasonRecord From(WarrantyReason reason) =>
        new(reason.Code, reason.Text, [.. reason.Args.Select(Format)]);

    private static string Format(object arg) => arg switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(arg, CultureInfo.InvariantCulture) ?? "",
    };
}
