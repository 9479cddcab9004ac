using AfterSales.Domain.Dispatch;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>
/// Dispatching several waiting tickets of one product family in one go (批量派工). The preview applies the fair
/// rotation ticket by ticket (each assignment changes the next suggestion) and explains each suggestion; the
/// dispatcher may send someone else for a row, with a reason (always needed for a technician at their open-job
/// limit). Confirming dispatches row by row, each in its own transaction, and lists what happened to each row.
/// </summary>
public sealed class BulkModel(AfterSalesDbContext db, DispatchService service, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<BulkPreview.PreviewRow> Preview { get; private set; } = [];

    /// <summary>Selected tickets that no longer wait for a visit: left out of the preview.</summary>
    public IReadOnlyList<BulkTicket> LeftOut { get; private set; } = [];

    public IReadOnlyList<ConfirmBulkDispatch.ResultRow>? Results { get; private set; }

    /// <summary>Why nothing can be dispatched (mixed families, nothing selected …), in the user's language.</summary>
    public string? Refusal { get; private set; }

    public string? SkillName { get; private set; }

    public IReadOnlyList<CategoryName> Categories { get; private set; } = [];

    /// <summary>Row errors by row index (a missing reason …), in the user's language.</summary>
    public Dictionary<int, string> RowErrors { get; } = [];

    [BindProperty]
    public BulkDispatchForm.Command Input { get; set; } = new();

    /// <param name="ids">The tickets ticked on the board or the ticket list.</param>
    public async Task<IActionResult> OnGetAsync([FromQuery] long[]? ids, DateOnly? date, TimeSlot? slot, CancellationToken cancellationToken)
    {
        Input = new BulkDispatchForm.Command
        {
            AppointmentDate = date is { } d && d >= service.Clock.Today && d.Year < 2100 ? d : await service.DefaultAppointmentDateAsync(cancellationToken),
            Slot = slot is { } s && Enum.IsDefined(s) ? s : TimeSlot.Morning,
        };
        var selected = (ids ?? []).Distinct().ToList();
        if (selected.Count > SequentialRotation.MaxTickets)
        {
            Refusal = l["Domain.dispatch.bulk_too_many", SequentialRotation.MaxTickets];
            return Page();
        }

        await LoadPreviewAsync(selected, choices: null, cancellationToken);
        return Page();
    }

    /// <summary>Shows the preview again with the dispatcher's choices (the later rows' suggestions follow from them).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ShowAgainAsync(cancellationToken);
        }

        ModelState.Clear();
        await LoadPreviewAsync([.. Input.Rows.Select(r => r.TicketId).Distinct()], Input.Rows.GroupBy(r => r.TicketId).ToDictionary(g => g.Key, g => g.First()), cancellationToken);
        return Page();
    }

    /// <summary>Confirms: every row the dispatcher changed needs a reason; then each row is dispatched on its own and its result listed.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ShowAgainAsync(cancellationToken);
        }

        var rows = Input.Rows;
        var ids = rows.Select(r => r.TicketId).ToList();
        if (ids.Distinct().Count() != ids.Count)
        {
            return BadRequest();
        }

        var tickets = await service.BulkTicketsAsync(ids, cancellationToken);
        Categories = await CategoryNames.LoadAsync(db, l, cancellationToken);
        var (skill, refusal) = ConfirmBulkDispatch.SkillOf(tickets, Categories, l);
        if (skill is null)
        {
            Refusal = refusal;
            return Page();
        }

        SkillName = Categories.Of(skill);
        var confirm = new ConfirmBulkDispatch(db, service, l);
        foreach (var (row, message) in await confirm.MissingReasonsAsync(skill, Input, cancellationToken))
        {
            RowErrors[row] = message;
        }

        if (RowErrors.Count > 0)
        {
            ModelState.AddModelError("", l["BulkDispatch.FixRows"]);
            return await ShowAgainAsync(cancellationToken);
        }

        Results = await confirm.DispatchAsync(Input, tickets, Categories, User.Identity!.Name!, cancellationToken);
        return Page();
    }

    /// <summary>The preview again after a refused confirm, keeping what the dispatcher chose and typed.</summary>
    private async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken)
    {
        Input = Input with { AppointmentDate = Input.AppointmentDate ?? await service.DefaultAppointmentDateAsync(cancellationToken) };
        await LoadPreviewAsync([.. Input.Rows.Take(SequentialRotation.MaxTickets).Select(r => r.TicketId).Distinct()], Input.Rows.GroupBy(r => r.TicketId).ToDictionary(g => g.Key, g => g.First()), cancellationToken, keepInput: true);
        return Page();
    }

    /// <summary>The preview (<see cref="BulkPreview"/>); unless <paramref name="keepInput"/>, the form's rows are rebuilt from it.</summary>
    private async Task LoadPreviewAsync(List<long> ids, IReadOnlyDictionary<long, BulkDispatchForm.RowInput>? choices, CancellationToken cancellationToken, bool keepInput = false)
    {
        var shown = await new BulkPreview(db, service, l).LoadAsync(ids, id => choices?.GetValueOrDefault(id)?.TechnicianId, Input.AppointmentDate, cancellationToken);
        Categories = shown.Categories;
        if (ids.Count > 0)
        {
            LeftOut = shown.LeftOut;
        }

        if (shown.Refusal is not null)
        {
            Refusal = shown.Refusal;
            return;
        }

        SkillName = shown.SkillName;
        var (waiting, plan) = (shown.Waiting, shown.Plan!);
        Preview = shown.Rows;
        if (!keepInput)
        {
            Input = Input with { AppointmentDate = shown.Date, Rows = BulkDispatchForm.RowsFor(waiting, plan, choices) };
            ModelState.Clear();
        }
        else if (Input.Rows.Count != waiting.Count || Input.Rows.Select(r => r.TicketId).Except(waiting.Select(t => t.Id)).Any())
        {
            // Rows that stopped waiting meanwhile are dropped: the form is rebuilt from what waits now.
            Input = Input with { Rows = BulkDispatchForm.RowsFor(waiting, plan, choices, kept: Input.Rows) };
            ModelState.Clear();
        }
    }
}
