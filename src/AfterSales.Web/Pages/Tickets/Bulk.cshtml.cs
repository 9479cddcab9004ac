using System.Globalization;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// Actions on the tickets ticked in the ticket list: assign through the fair rotation (dispatchers and managers: on
/// to the bulk dispatch preview), change urgency with a reason, cancel with a reason (desk, dispatch, managers, as for
/// one ticket). Each ticket is changed and saved on its own (<see cref="BulkTicketActions"/>), so each row ends done or
/// refused with the reason, never half.
/// </summary>
public sealed class BulkModel(AfterSalesDbContext db, CompanyClock clock, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string AssignAction = BulkTicketActions.AssignAction;
    public const string UrgencyAction = BulkTicketActions.UrgencyAction;
    public const string CancelAction = BulkTicketActions.CancelAction;

    /// <summary>Most tickets one action handles: a page of the list.</summary>
    public const int MaxTickets = BulkTicketActions.MaxTickets;

    [BindProperty]
    public BulkTicketActions.Command Input { get; set; } = new();

    public IReadOnlyList<BulkTicketActions.ResultRow> Results { get; private set; } = [];

    public string BackUrl => Input.ReturnUrl is { Length: > 0 and <= 2000 } url && Url.IsLocalUrl(url) && url.StartsWith("/Tickets", StringComparison.Ordinal) ? url : "/Tickets";

    public IActionResult OnGet() => Redirect("/Tickets");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The role comes before the shape: someone who may not act learns nothing more.
        var policy = Input.Action == AssignAction ? Policies.Dispatch : Policies.Intake;
        if (!(await authorization.AuthorizeAsync(User, policy)).Succeeded)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var ids = Input.Ids.Distinct().ToList();
        if (Input.Action == AssignAction)
        {
            return Redirect(QueryHelpers.AddQueryString("/Dispatch/Bulk", ids.Select(id => new KeyValuePair<string, string?>("ids", id.ToString(CultureInfo.InvariantCulture)))));
        }

        Results = await new BulkTicketActions(db, clock, l).ApplyAsync(Input, ids, User.Identity!.Name!, cancellationToken);
        return Page();
    }
}
