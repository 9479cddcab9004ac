using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>A warranty decision as the desk reads it: status, expiry, and each reason in the user's language.</summary>
public sealed record WarrantyView(string Status, string StatusText, DateOnly? ExpiresOn, IReadOnlyList<WarrantyView.ReasonView> Reasons)
{
    public sealed record ReasonView(string Code, string Text);

    public static WarrantyView From(WarrantyDecision decision, IStringLocalizer l) => new(
        decision.Status.ToString(),
        l["Warranty." + decision.Status],
        decision.ExpiresOn,
        decision.Reasons.Select(r => new ReasonView(r.Code, l.Translate(r.Code, r.Args.Select(Format), r.Text))).ToList());

    public static IReadOnlyList<ReasonView> Translate(IEnumerable<WarrantyReasonRecord> records, IStringLocalizer l) =>
        records.Select(r => new ReasonView(r.Code, l.Translate(r.Code, r.Args, r.Text))).ToList();

    private static object Format(object arg) => arg is DateOnly d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : arg;
}
