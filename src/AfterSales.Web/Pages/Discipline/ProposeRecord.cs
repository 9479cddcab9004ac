using System.Globalization;
using AfterSales.Domain;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Discipline;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Discipline;

/// <summary>
/// A manager proposes a reward or penalty record (<c>/Discipline/Records?handler=Propose</c>): the form, its checks,
/// and what the form names looked up — the employee (by id, user name or employee number), the rule, the ticket
/// and work order given as evidence, and for the commission article the work order it is paid on and its cash.
/// </summary>
public static class ProposeRecord
{
    public sealed record Command
    {
        public string? EmployeeId { get; init; }

        public long RuleId { get; init; }

        public DateOnly? FactDate { get; init; }

        public string? Evidence { get; init; }

        public string? TicketNumber { get; init; }

        public long? WorkOrderId { get; init; }

        /// <summary>Extra service income (net), for the commission article: the cash is the rule's rate of it.</summary>
        public decimal? Income { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, CompanyClock clock)
        {
            RuleFor(c => c.EmployeeId).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(450).WithMessage(_ => l["Validation.TooLong", 450]);
            RuleFor(c => c.RuleId).GreaterThan(0).WithMessage(_ => l["Validation.Required"]);
            RuleFor(c => c.FactDate).NotNull().WithMessage(_ => l["Validation.Required"])
                .Must(d => d <= clock.Today).WithMessage(_ => l["Discipline.FactDateFuture"])
                .Must(d => d >= clock.Today.AddYears(-3)).WithMessage(_ => l["Discipline.FactDateOld"]);
            RuleFor(c => c.Evidence).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(2000).WithMessage(_ => l["Validation.TooLong", 2000]);
            RuleFor(c => c.TicketNumber).MaximumLength(32).WithMessage(_ => l["Validation.TooLong", 32]);
            RuleFor(c => c.WorkOrderId).GreaterThan(0).When(c => c.WorkOrderId is not null).WithMessage(_ => l["Discipline.WorkOrderUnknown"]);
            RuleFor(c => c.Income).GreaterThan(0).LessThanOrEqualTo(10_000_000).When(c => c.Income is not null).WithMessage(_ => l["Discipline.IncomeRange"]);
        }
    }

    /// <summary>What the form names, found: ready to hand to <see cref="DisciplineRecord.Propose"/>.</summary>
    public sealed record Proposal(string EmployeeId, DisciplineRule Rule, IReadOnlyList<EvidenceLink> Links, decimal? Cash, IReadOnlyList<string> EmployeeRoles)
    {
        public DisciplineRecord Propose(Command input, string proposer, DateTimeOffset now) =>
            DisciplineRecord.Propose(EmployeeId, Rule, input.FactDate!.Value, input.Evidence!, Links, proposer, now, cashAmount: Cash, employeeAudiences: RuleAudiences.Of(EmployeeRoles));
    }

    /// <summary>
    /// Looks up what the (already validated) form names; each thing not found, and a commission without its work order
    /// or income or on a work order already proposed, is put beside its field (<c>Input.…</c>) and gives null.
    /// </summary>
    public static async Task<Proposal?> ResolveAsync(AfterSalesDbContext db, Command input, ModelStateDictionary modelState, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var employee = await RecordPeople.Staff(db, input.EmployeeId!.Trim()).Where(u => !u.IsDisabled).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var rule = await db.DisciplineRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == input.RuleId, cancellationToken);
        var links = new List<EvidenceLink>();
        if (employee is null)
        {
            modelState.AddModelError("Input.EmployeeId", l["Discipline.EmployeeUnknown"]);
        }

        if (rule is null)
        {
            modelState.AddModelError("Input.RuleId", l["Discipline.RuleUnknown"]);
        }

        var ticketNumber = input.TicketNumber?.Trim();
        if (!string.IsNullOrEmpty(ticketNumber))
        {
            var ticket = await db.Tickets.AsNoTracking().Where(t => t.Number == ticketNumber).Select(t => new { t.Id, t.Number }).FirstOrDefaultAsync(cancellationToken);
            if (ticket is null)
            {
                modelState.AddModelError("Input.TicketNumber", l["Discipline.TicketUnknown", ticketNumber]);
            }
            else
            {
                links.Add(new EvidenceLink("Ticket", ticket.Id, ticket.Number));
            }
        }

        if (input.WorkOrderId is { } workOrderId)
        {
            if (!await db.WorkOrders.AsNoTracking().AnyAsync(w => w.Id == workOrderId, cancellationToken))
            {
                modelState.AddModelError("Input.WorkOrderId", l["Discipline.WorkOrderUnknown"]);
            }
            else
            {
                links.Add(new EvidenceLink("WorkOrder", workOrderId, "#" + workOrderId.ToString(CultureInfo.InvariantCulture)));
            }
        }

        decimal? cash = null;
        if (rule is { Trigger: RuleTrigger.ExtraIncomeCommission, Threshold: { } rate })
        {
            // The commission is paid once per work order: name it, and not one the daily scan or a manager already proposed.
            if (input.WorkOrderId is not { } soldOn)
            {
                modelState.AddModelError("Input.WorkOrderId", l["Discipline.CommissionNeedsWorkOrder"]);
            }
            else
            {
                if ((await Commissions.WorkOrdersTakenAsync(db, rule.Article, null, cancellationToken)).Contains(soldOn))
                {
                    modelState.AddModelError("Input.WorkOrderId", l["Discipline.CommissionAlreadyProposed", soldOn]);
                }
            }

            if (input.Income is not { } income)
            {
                modelState.AddModelError("Input.Income", l["Discipline.IncomeRequired"]);
            }
            else
            {
                try
                {
                    cash = Commission.Cash(income, rate);
                }
                catch (DomainException error)
                {
                    modelState.AddModelError("Input.Income", l.Translate(error));
                }
            }
        }

        if (!modelState.IsValid)
        {
            return null;
        }

        // Part 3 applies to service advisors, Part 5 to the service centre's staff: the employee's roles say which they are.
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == employee select r.Name).ToListAsync(cancellationToken);
        return new Proposal(employee!, rule!, links, cash, roles.OfType<string>().ToList());
    }
}
