using AfterSales.Domain;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Discipline;

/// <summary>
/// A manager decides a proposal (approve, reject) or an appeal (uphold, overturn) from its row on
/// <c>/Discipline/Records</c>. The domain refuses one's own proposal or one's own record; each act returns the flash message.
/// </summary>
public static class DecideRecord
{
    /// <summary>Longest decision note or reversal reason (the domain's limit).</summary>
    public const int NoteMaxLength = 2000;

    /// <summary>A decision's note or a reversal's reason: longer than <see cref="NoteMaxLength"/> is refused with a message, never cut.</summary>
    public static string? Bounded(string? text) => Guard.Optional(text, NoteMaxLength);

    public static string Approve(DisciplineRecord record, string managerId, DateTimeOffset now, string? note, IStringLocalizer<SharedResource> l)
    {
        record.Approve(managerId, now, Bounded(note));
        return l["Discipline.Approved", record.Article];
    }

    public static string Reject(DisciplineRecord record, string managerId, DateTimeOffset now, string? note, IStringLocalizer<SharedResource> l)
    {
        record.Reject(managerId, now, Bounded(note) ?? "");
        return l["Discipline.Rejected", record.Article];
    }

    public static string DecideAppeal(DisciplineRecord record, bool upheld, string managerId, DateTimeOffset now, string? note, IStringLocalizer<SharedResource> l)
    {
        record.DecideAppeal(upheld, managerId, now, Bounded(note) ?? "");
        return upheld ? l["Discipline.AppealUpheld", record.Article] : l["Discipline.AppealOverturned", record.Article];
    }
}
