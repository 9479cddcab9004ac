using System.Security.Claims;
using AfterSales.Domain.Exchanges;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Changes;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Pages.Exchanges;

/// <summary>The exchange form (换货申请单) for a ticket: reason and evidence; refused out of warranty with the rule's reason.</summary>
public sealed class NewModel(AfterSalesDbContext db, CompanyClock clock, IOptionsMonitor<ExchangeOptions> exchange, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Command
    {
        public string? Reason { get; init; }

        public string? Evidence { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Reason).NotEmpty().WithMessage(_ => l["Exchanges.ReasonRequired"]).MaximumLength(ExchangeRequest.TextMaxLength).WithMessage(_ => l["Validation.TooLong", ExchangeRequest.TextMaxLength]);
            RuleFor(c => c.Evidence).MaximumLength(ExchangeRequest.TextMaxLength).WithMessage(_ => l["Validation.TooLong", ExchangeRequest.TextMaxLength]);
        }
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Ticket { get; set; }

    public Ticket? Found { get; private set; }

    public string? Customer { get; private set; }

    public string? Unit { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var ticket = Found!;
        if (ticket.UnitId is not { } unitId)
        {
            ModelState.AddModelError("", l["Exchanges.NoUnit"]);
            return Page();
        }

        return await this.Add(() => ExchangeRequest.Request(ticket.Id, unitId, ticket.WarrantyStatus, Input.Reason!, Input.Evidence, User.FindFirstValue(ClaimTypes.NameIdentifier)!, clock.UtcNow, exchange.CurrentValue.StepTime))
            .Done(request => RedirectToPage("/Exchanges/Details", new { id = request.Id }))
            .RunAsync(_ => l["Exchanges.Requested"], cancellationToken);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var number = Ticket?.Trim().ToUpperInvariant();
        Found = number is null ? null : await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == number, cancellationToken);
        if (Found is null)
        {
            return false;
        }

        var ticket = Found;
        Customer = await db.Customers.Where(c => c.Id == ticket.CustomerId).Select(c => c.Name).FirstAsync(cancellationToken);
        Unit = ticket.UnitId is { } id
            ? await (from u in db.Units join m in db.ProductModels on u.ProductModelId equals m.Id where u.Id == id select m.Code + " · " + u.SerialNumber).FirstAsync(cancellationToken)
            : null;
        return true;
    }
}
