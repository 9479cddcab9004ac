using AfterSales.Domain;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// Call intake, the desk's main screen: find the caller by phone while typing (or register a new one),
/// pick or register the unit, record the call, see the warranty decision, save once. A second submit of
/// the same form (double click, reload) finds the ticket it already made. Once the caller is chosen, their
/// open tickets and the unit's last visits show beside the form; a call about a unit that already has an
/// open ticket is added to that ticket as a repeat call (催修) instead of opening another one.
/// </summary>
public sealed class NewModel(AfterSalesDbContext db, CompanyClock clock, CallIntake intake, IValidator<RepeatCallCommand> repeatValidator, IStringLocalizer<SharedResource> l, ILogger<NewModel> logger) : PageModel
{
    public sealed record ModelOption(long Id, string Code, string Name, string Category, int WarrantyMonths);

    [BindProperty]
    public IntakeCommand Input { get; set; } = new();

    public IReadOnlyList<ModelOption> Models { get; private set; } = [];

    /// <summary>The chosen caller's units, when the form comes back with an error.</summary>
    public IReadOnlyList<CallerLookup.UnitHit> CallerUnits { get; private set; } = [];

    public string? CallerName { get; private set; }

    /// <summary>
    /// A fresh /Tickets/New is a new call with a new key. The script puts the key in the address
    /// (<c>?call=</c>), so a reload of the same page keeps its key and can offer that call's draft back;
    /// a key whose ticket is already saved starts a new call.
    /// </summary>
    public async Task OnGetAsync(string? phone, Guid? call, CancellationToken cancellationToken)
    {
        var key = call is { } c && c != Guid.Empty && !await db.Tickets.AnyAsync(t => t.IntakeKey == c, cancellationToken) ? c : Guid.NewGuid();
        Input = new IntakeCommand { IntakeKey = key, Phone = phone };
        await LoadAsync(cancellationToken);
    }

    /// <summary>Beside the form once the caller is chosen: their open tickets and the chosen unit's last visits.</summary>
    public async Task<IActionResult> OnGetCallerContextAsync(long customerId, long? unitId, CancellationToken cancellationToken) =>
        new JsonResult(await CallerContextQuery.LoadAsync(db, clock, l, customerId, unitId, cancellationToken));

    /// <summary>
    /// 催修: the caller chases an open ticket of the same unit. The call (what they said now, from the fault
    /// field) is recorded and counted on that ticket, whose urgency the domain raises from the second repeat
    /// call on; nothing new is created. A second submit of the same form is counted once.
    /// </summary>
    [ReadsFormAs(nameof(Input), typeof(RepeatCallCommand))]
    public async Task<IActionResult> OnPostRepeatCallAsync(string? repeatTicket, CancellationToken cancellationToken)
    {
        // The form's fields are checked as a repeat call (not as a new call: the filter leaves them to this handler).
        var command = new RepeatCallCommand
        {
            IntakeKey = Input.IntakeKey,
            CustomerId = Input.CustomerId,
            UnitId = Input.UnitId,
            TicketNumber = repeatTicket,
            FaultDescription = Input.FaultDescription,
        };
        if (!this.Validate(repeatValidator, command))
        {
            MoveToSummary("Input.TicketNumber", "Input.CustomerId", "Input.UnitId", "Input.IntakeKey");
            await LoadAsync(cancellationToken);
            return Page();
        }

        var user = User.Identity!.Name!;
        var ticket = await intake.RecordRepeatCallAsync(command, user, ModelState, cancellationToken);
        if (ticket is null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        logger.LogInformation("Repeat call {Count} on ticket {Number} taken by {User}", ticket.RepeatCallCount, ticket.Number, user);
        TempData["Flash"] = (string)l["Intake.RepeatRecorded", ticket.Number, ticket.RepeatCallCount, l["Urgency." + ticket.Urgency]];
        TempData["IntakeDone"] = command.IntakeKey.ToString();
        return RedirectToPage("/Tickets/Details", new { number = ticket.Number });
    }

    /// <summary>Errors about fields the form does not show beside an input go to the summary.</summary>
    private void MoveToSummary(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                foreach (var error in entry.Errors.ToList())
                {
                    ModelState.AddModelError("", error.ErrorMessage);
                }

                entry.Errors.Clear();
            }
        }
    }

    /// <summary>Caller search while typing: phone digits (exact, prefix, or 3+ digits anywhere) or a name.</summary>
    public async Task<IActionResult> OnGetLookupAsync(string? q, CancellationToken cancellationToken) =>
        new JsonResult(await CallerLookup.FindAsync(db, q, clock.Today, cancellationToken));

    /// <summary>The warranty decision for a unit being typed in, shown before saving.</summary>
    public async Task<IActionResult> OnGetWarrantyAsync(long? unitId, long? modelId, DateOnly? purchaseDate, bool hasProof, string? serial, CancellationToken cancellationToken)
    {
        try
        {
            var decision = unitId is { } id
                ? await DecideForUnitAsync(id, cancellationToken)
                : UnitWarranty.Decide(modelId is { } m ? await db.ProductModels.FindAsync([m], cancellationToken) : null, purchaseDate, hasProof, serial, clock.Today);
            return decision is null ? NotFound() : new JsonResult(WarrantyView.From(decision, l));
        }
        catch (DomainException error)
        {
            return new JsonResult(new { error = l.Translate(error) });
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var user = User.Identity!.Name!;
        if (await intake.LogAsync(Input, user, ModelState, cancellationToken) is not { } number)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        logger.LogInformation("Ticket {Number} logged by {User}", number, user);
        return RedirectToPage("/Tickets/Details", new { number, created = true });
    }

    private async Task<Domain.Warranty.WarrantyDecision?> DecideForUnitAsync(long unitId, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var model = await db.ProductModels.AsNoTracking().FirstAsync(m => m.Id == unit.ProductModelId, cancellationToken);
        return UnitWarranty.Decide(model, unit, clock.Today);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Models = await (from m in db.ProductModels.AsNoTracking()
                        join c in db.ProductCategories on m.CategoryId equals c.Id
                        where !m.Discontinued
                        orderby c.Name, m.Code
                        select new ModelOption(m.Id, m.Code, m.Name, c.Name, m.WarrantyMonths)).ToListAsync(cancellationToken);
        if (Input.CustomerId is { } id)
        {
            CallerName = await db.Customers.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
            CallerUnits = await CallerLookup.UnitsOfAsync(db, [id], clock.Today, cancellationToken);
        }
    }
}
