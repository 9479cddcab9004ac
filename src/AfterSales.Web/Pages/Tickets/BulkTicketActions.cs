using System.Globalization;
using System.Text.Json;
using AfterSales.Domain;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Auditing;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// The actions on the tickets ticked in the ticket list (<c>/Tickets/Bulk</c>): the form and its checks, and changing the
/// tickets one by one — change urgency with a reason, cancel with a reason. Each ticket is loaded, changed by the domain
/// and saved on its own, so each ends done or refused with the reason, never half. One result per ticket rather than
/// one redirect: this is not the shared change path, whose refusal redraws a form.
/// </summary>
public sealed class BulkTicketActions(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l)
{
    public const string AssignAction = "assign";
    public const string UrgencyAction = "urgency";
    public const string CancelAction = "cancel";

    /// <summary>Most tickets one action handles: a page of the list.</summary>
    public const int MaxTickets = IndexModel.PageSize;

    public sealed record Command
    {
        public string? Action { get; init; }

        public List<long> Ids { get; init; } = [];

        public Urgency? Urgency { get; init; }

        public string? Reason { get; init; }

        /// <summary>The list's address with its filters, to go back to.</summary>
        public string? ReturnUrl { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Action).Must(a => a is AssignAction or UrgencyAction or CancelAction).WithMessage(_ => l["Bulk.ChooseAction"]);
            RuleFor(c => c.Ids).NotEmpty().WithMessage(_ => l["Bulk.NothingSelected"])
                .Must(ids => ids.Count <= MaxTickets).WithMessage(_ => l["Bulk.TooMany", MaxTickets]);
            When(c => c.Action == UrgencyAction, () =>
                RuleFor(c => c.Urgency).NotNull().WithMessage(_ => l["Bulk.ChooseUrgency"]).IsInEnum().WithMessage(_ => l["Bulk.ChooseUrgency"]));
            When(c => c.Action is UrgencyAction or CancelAction, () =>
                RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => l["Bulk.ReasonRequired"])
                    .MaximumLength(Ticket.ReasonMaxLength).WithMessage(_ => l["Validation.TooLong", Ticket.ReasonMaxLength])
                    .Must(r => r is null || !r.Any(c => char.IsControl(c) && c is not '\r' and not '\n' and not '\t')).WithMessage(_ => l["Bulk.BadText"]));
        }
    }

    /// <summary>What happened to one ticket.</summary>
    public sealed record ResultRow(long Id, string Number, bool Done, string Text);

    /// <summary>Applies the form's action to each ticket on its own, in the order ticked (a ticket gone meanwhile is "not found").</summary>
    public async Task<IReadOnlyList<ResultRow>> ApplyAsync(Command input, IReadOnlyList<long> ids, string userName, CancellationToken cancellationToken)
    {
        var numbers = await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, cancellationToken);
        var results = new List<ResultRow>(ids.Count);
        foreach (var id in ids)
        {
            if (!numbers.TryGetValue(id, out var number))
            {
                results.Add(new ResultRow(id, id.ToString(CultureInfo.InvariantCulture), false, l["Bulk.NotFound"]));
                continue;
            }

            results.Add(await ApplyAsync(input, id, number, userName, cancellationToken));
        }

        return results;
    }

    /// <summary>One ticket: load, let the domain decide, save (with the audit row) — or nothing at all.</summary>
    private async Task<ResultRow> ApplyAsync(Command input, long id, string number, string userName, CancellationToken cancellationToken)
    {
        try
        {
            var ticket = await db.Tickets.FirstAsync(t => t.Id == id, cancellationToken);
            string done;
            if (input.Action == UrgencyAction)
            {
                var change = ticket.ChangeUrgency(input.Urgency!.Value, input.Reason);
                db.AuditEntries.Add(new AuditEntry
                {
                    EntityName = nameof(Ticket),
                    EntityKey = id.ToString(CultureInfo.InvariantCulture),
                    Action = "UrgencyChanged",
                    Changes = JsonSerializer.Serialize(new Dictionary<string, object> { ["UrgencyReason"] = new { old = (string?)null, @new = change.Reason } }),
                    UserName = userName,
                    At = clock.UtcNow,
                });
                done = l["Bulk.UrgencyDone", l["Urgency." + change.From], l["Urgency." + change.To]];
            }
            else
            {
                ticket.Cancel(input.Reason ?? "", clock.UtcNow);
                done = l["Ticket.Cancelled"];
            }

            await db.SaveChangesAsync(cancellationToken);
            return new ResultRow(id, number, true, done);
        }
        catch (DomainException error)
        {
            return new ResultRow(id, number, false, Refused(error));
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ResultRow(id, number, false, l["Ticket.ChangedMeanwhile"]);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private string Refused(DomainException error) => error.Code == "ticket.illegal_transition" && error.Args is [var from, _]
        ? l["Bulk.CannotCancelIn", l["Status." + from]]
        : error.Code == "ticket.urgency_not_open" && error.Args is [var status]
            ? l["Domain.ticket.urgency_not_open", l["Status." + status]]
            : error.Code == "ticket.urgency_unchanged" && error.Args is [var urgency]
                ? l["Domain.ticket.urgency_unchanged", l["Urgency." + urgency]]
                : l.Translate(error);
}
