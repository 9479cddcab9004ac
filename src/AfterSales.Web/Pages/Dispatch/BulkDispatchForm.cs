using AfterSales.Domain.WorkOrders;
using AfterSales.Domain.Dispatch;
using AfterSales.Web.Infrastructure.Dispatch;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>
/// The bulk dispatch form of <c>/Dispatch/Bulk</c> (批量派工), shared by its preview and its confirmation: the
/// appointment day and slot, and per ticket the suggested technician, the one sent and the reason for a change.
/// </summary>
public static class BulkDispatchForm
{
    public sealed record RowInput
    {
        public long TicketId { get; init; }

        /// <summary>The ticket's version when the preview was shown.</summary>
        public uint Version { get; init; }

        /// <summary>The technician the preview suggested for this row.</summary>
        public string? Suggested { get; init; }

        /// <summary>The technician the dispatcher sends (the suggestion unless changed).</summary>
        public string? TechnicianId { get; init; }

        public string? Reason { get; init; }

        /// <summary>The dispatcher chose someone other than the suggestion.</summary>
        public bool IsOverride => !string.IsNullOrWhiteSpace(TechnicianId) && TechnicianId != Suggested;
    }

    public sealed record Command
    {
        public DateOnly? AppointmentDate { get; init; }

        public TimeSlot Slot { get; init; } = TimeSlot.Morning;

        public List<RowInput> Rows { get; init; } = [];
    }

    /// <summary>
    /// The form's rows for the tickets that wait now, each with the turn the rotation planned for it. <paramref name="kept"/>:
    /// the rows as posted, kept as they are where their ticket still waits; otherwise each row is drawn afresh, keeping only
    /// the reason from <paramref name="choices"/>.
    /// </summary>
    public static List<RowInput> RowsFor(IReadOnlyList<BulkTicket> waiting, RotationPlan plan, IReadOnlyDictionary<long, RowInput>? choices, IReadOnlyList<RowInput>? kept = null)
    {
        var old = kept?.ToDictionary(r => r.TicketId);
        return [.. waiting.Select((t, i) => old is not null && old.TryGetValue(t.Id, out var r) ? r : new RowInput
        {
            TicketId = t.Id,
            Version = t.Version,
            Suggested = plan.Turns[i].Suggestion.Chosen?.TechnicianId,
            TechnicianId = plan.Turns[i].Chosen?.TechnicianId,
            Reason = old is null ? choices?.GetValueOrDefault(t.Id)?.Reason : null,
        })];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.AppointmentDate).NotNull().WithMessage(_ => l["Validation.Date"])
                .Must(d => d is null || d.Value.Year < 2100).WithMessage(_ => l["Validation.Date"]);
            RuleFor(c => c.Slot).IsInEnum().WithMessage(_ => l["Domain.workorder.slot_invalid"]);
            RuleFor(c => c.Rows).NotEmpty().WithMessage(_ => l["Domain.dispatch.bulk_empty"])
                .Must(r => r.Count <= SequentialRotation.MaxTickets).WithMessage(_ => l["Domain.dispatch.bulk_too_many", SequentialRotation.MaxTickets]);
            RuleForEach(c => c.Rows).ChildRules(row =>
            {
                row.RuleFor(r => r.TechnicianId).MaximumLength(450);
                row.RuleFor(r => r.Suggested).MaximumLength(450);
                row.RuleFor(r => r.Reason).MaximumLength(500).WithMessage(_ => l["Validation.TooLong", 500])
                    .Must(r => r is null || !r.Any(c => char.IsControl(c) && c is not '\r' and not '\n' and not '\t')).WithMessage(_ => l["Board.BadText"]);
            });
        }
    }
}
