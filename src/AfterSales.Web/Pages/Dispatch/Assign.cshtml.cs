using AfterSales.Domain;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>
/// Dispatching one ticket: the fair-rotation suggestion for the job's product category with every skip and
/// its reason, a form to send the suggested technician (or someone else, with a reason), and the log of past
/// dispatch decisions for the ticket.
/// </summary>
public sealed class AssignModel(AfterSalesDbContext db, DispatchService service, WorkCalendar workCalendar, CompanyClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Command
    {
        public DateOnly? AppointmentDate { get; init; }

        public TimeSlot Slot { get; init; } = TimeSlot.Morning;

        public string? TechnicianId { get; init; }

        public string? SeenSuggestion { get; init; }

        public string? OverrideReason { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.AppointmentDate).NotNull().WithMessage(_ => l["Validation.Date"]);
            RuleFor(c => c.Slot).IsInEnum().WithMessage(_ => l["Domain.workorder.slot_invalid"]);
            RuleFor(c => c.TechnicianId).MaximumLength(450);
            RuleFor(c => c.OverrideReason).MaximumLength(500).WithMessage(_ => l["Validation.TooLong", 500]);
        }
    }

    public sealed record SkipView(string Name, int Position, string Code, string Text);

    public sealed record DecisionView(DateTimeOffset At, string DecidedBy, string RequiredSkill, string? Suggested, string Chosen, string? OverrideReason, IReadOnlyList<SkipView> Skips);

    public sealed record TechnicianOption(string Id, string Label, bool AtLimit);

    public Ticket Ticket { get; private set; } = null!;

    public string CustomerName { get; private set; } = "";

    public string? ModelName { get; private set; }

    public string? Skill { get; private set; }

    /// <summary>The required skill as a person reads it: the category's name.</summary>
    public string? SkillName { get; private set; }

    public IReadOnlyList<CategoryName> Categories { get; private set; } = [];

    public RotationCandidate? Suggested { get; private set; }

    public IReadOnlyList<SkipView> Skips { get; private set; } = [];

    public IReadOnlyList<TechnicianOption> Options { get; private set; } = [];

    public IReadOnlyList<DecisionView> Log { get; private set; } = [];

    public string? Problem { get; private set; }

    [BindProperty]
    public Command Input { get; set; } = new();

    /// <param name="date">The appointment date the suggestion is for (the page reloads with it when the dispatcher changes the date); default the next working day.</param>
    /// <param name="slot">The time slot chosen so far.</param>
    public async Task<IActionResult> OnGetAsync(long ticketId, DateOnly? date, TimeSlot? slot, CancellationToken cancellationToken)
    {
        Input = Input with
        {
            AppointmentDate = date ?? (await workCalendar.GetAsync(cancellationToken)).NextWorkingDay(clock.Today),
            Slot = slot is { } s && Enum.IsDefined(s) ? s : Input.Slot,
        };
        return await LoadAsync(ticketId, resetChoice: true, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long ticketId, CancellationToken cancellationToken)
    {
        if (!await db.Tickets.AnyAsync(t => t.Id == ticketId, cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            try
            {
                var result = await service.DispatchAsync(
                    new DispatchRequest(ticketId, Input.AppointmentDate!.Value, Input.Slot, Input.TechnicianId, Input.OverrideReason, Input.SeenSuggestion),
                    User.Identity!.Name!,
                    cancellationToken);
                TempData["Flash"] = (string)l["Dispatch.Dispatched"];
                return RedirectToPage("/Dispatch/Index", null, null, "wo-" + result.WorkOrder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (DomainException error)
            {
                var field = error.Code switch
                {
                    "dispatch.override_reason_required" or "dispatch.at_limit_reason_required" => "Input.OverrideReason",
                    "dispatch.date_past" => "Input.AppointmentDate",
                    "dispatch.unknown_technician" or "dispatch.suggestion_changed" or "dispatch.nobody_available" => "Input.TechnicianId",
                    _ => "",
                };
                ModelState.AddModelError(field, l.Translate(error));
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", l["Dispatch.ChangedMeanwhile"]);
            }

            db.ChangeTracker.Clear();
        }

        // A changed suggestion is shown afresh; otherwise the dispatcher's choice is kept.
        var changed = ModelState.TryGetValue("Input.TechnicianId", out var entry) && entry.Errors.Count > 0 && Input.SeenSuggestion == Input.TechnicianId;
        return await LoadAsync(ticketId, resetChoice: changed, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long ticketId, bool resetChoice, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        if (ticket is null)
        {
            return false;
        }

        Ticket = ticket;
        CustomerName = await db.Customers.Where(c => c.Id == ticket.CustomerId).Select(c => c.Name).FirstAsync(cancellationToken);
        ModelName = ticket.ProductModelId is { } modelId ? await db.ProductModels.Where(m => m.Id == modelId).Select(m => m.Code + " · " + m.Name).FirstAsync(cancellationToken) : null;
        Skill = await service.RequiredSkillAsync(ticket, cancellationToken);
        var date = Input.AppointmentDate ?? await service.DefaultAppointmentDateAsync(cancellationToken);
        var candidates = await service.CandidatesAsync(date, cancellationToken);
        Categories = await CategoryNames.LoadAsync(db, l, cancellationToken);
        SkillName = Skill is null ? null : Categories.Of(Skill);
        Options = [.. candidates.OrderBy(c => c.Position).Select(c => new TechnicianOption(
            c.TechnicianId,
            $"{c.Position}. {c.Name} · {string.Join("/", c.Skills.Order().Select(s => Categories.Of(s)))} · {c.OpenJobs}/{c.OpenJobLimit}",
            WaitingVisits.IsAtLimit(c.OpenJobs, c.OpenJobLimit)))];
        if (Skill is null)
        {
            Problem = l["Domain.rotation.skill_required"];
        }
        else
        {
            var suggestion = await service.SuggestAsync(Skill, date, cancellationToken);
            Suggested = suggestion.Chosen;
            Skips = [.. suggestion.Skips.Select(s => new SkipView(s.Name, s.Position, s.Code, SkipText(s.Code, s.Args, s.Reason)))];
            if (Suggested is null)
            {
                Problem = l["Domain.dispatch.nobody_available", SkillName ?? Skill];
            }
        }

        if (resetChoice)
        {
            Input = Input with { TechnicianId = Suggested?.TechnicianId, SeenSuggestion = Suggested?.TechnicianId };
            ModelState.Remove("Input.TechnicianId");
            ModelState.Remove("Input.SeenSuggestion");
        }

        var decisions = await db.DispatchDecisions.AsNoTracking().Where(d => d.TicketId == ticketId).OrderByDescending(d => d.At).ToListAsync(cancellationToken);
        var ids = decisions.SelectMany(d => new[] { d.SuggestedTechnicianId, d.ChosenTechnicianId }).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName + " (" + u.UserName + ")", cancellationToken);
        Log = [.. decisions.Select(d => new DecisionView(
            d.At,
            d.DecidedBy,
            d.RequiredSkill,
            d.SuggestedTechnicianId is { } s ? names.GetValueOrDefault(s, s) : null,
            names.GetValueOrDefault(d.ChosenTechnicianId, d.ChosenTechnicianId),
            d.OverrideReason,
            [.. d.Skips.Select(x => new SkipView(x.Name, x.Position, x.Code, SkipText(x.Code, x.Args, x.Reason)))]))];
        return true;
    }

    /// <summary>A skip reason in the user's language; a category code among its arguments is shown by its name.</summary>
    private string SkipText(string code, IEnumerable<object> args, string fallback)
    {
        var values = args.Select(a => a.ToString() ?? "").Select(a => code == "rotation.no_skill" ? Categories.Of(a) : a);
        var text = l["Dispatch.Skip." + code, [.. values]];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
