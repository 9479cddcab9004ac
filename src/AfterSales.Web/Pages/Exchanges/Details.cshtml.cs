using System.Security.Claims;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Exchanges;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Changes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Pages.Exchanges;

/// <summary>
/// One exchange request: the three signatures in order (regional head, office, general manager), each
/// approving, returning or rejecting with a comment; the requester resubmits a returned request; once
/// approved the exchange is carried out: the new unit registered with its serial (warranty by company
/// rule), the old unit entered as returned in the ledger, the ticket closed.
/// </summary>
public sealed class DetailsModel(AfterSalesDbContext db, CompanyClock clock, IOptionsMonitor<ExchangeOptions> exchange, IStringLocalizer<SharedResource> l) : PageModel
{
    public ExchangeRequest Exchange { get; private set; } = null!;

    public Ticket Ticket { get; private set; } = null!;

    public Unit OldUnit { get; private set; } = null!;

    public string ModelName { get; private set; } = "";

    public string CustomerName { get; private set; } = "";

    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public bool CanSign { get; private set; }

    public bool IsRequester { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostSignAsync(long id, uint version, StepOutcome outcome, string? comment, CancellationToken cancellationToken) =>
        Change(id, version, cancellationToken).RunAsync(async request =>
        {
            if (!await this.AllowsAsync(Policies.SignExchangeStep, request.CurrentStep))
            {
                throw ExchangeRequest.WrongSigner(request.CurrentStep);
            }

            request.Decide(request.CurrentStep, outcome, UserId, comment ?? "", clock.UtcNow, exchange.CurrentValue.StepTime);
            return l["Exchanges.Signed"].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostResubmitAsync(long id, uint version, string? evidence, CancellationToken cancellationToken) =>
        Change(id, version, cancellationToken).RunAsync(request =>
        {
            request.Resubmit(UserId, evidence, clock.UtcNow, exchange.CurrentValue.StepTime);
            return l["Exchanges.Resubmitted"];
        }, cancellationToken);

    public Task<IActionResult> OnPostCompleteAsync(long id, uint version, string? newSerial, CancellationToken cancellationToken) =>
        Change(id, version, cancellationToken).RunAsync(async request =>
        {
            var oldUnit = await db.Units.FirstAsync(u => u.Id == request.OldUnitId, cancellationToken);
            var ticket = await db.Tickets.FirstAsync(t => t.Id == request.TicketId, cancellationToken);
            var today = clock.Today;
            var start = ExchangeRequest.NewUnitWarrantyStart(exchange.CurrentValue.WarrantyPolicy, today, oldUnit.PurchaseDate);
            var newUnit = new Unit(oldUnit.CustomerId, oldUnit.ProductModelId, newSerial ?? "", start, true, "EX-" + request.Id, oldUnit.Dealer, today);
            db.Units.Add(newUnit);
            request.Complete(newUnit.Id, newUnit.SerialNumber, UserId, clock.UtcNow);
            ticket.CloseByExchange(l["Exchanges.Resolution", oldUnit.SerialNumber, newUnit.SerialNumber], clock.UtcNow, User.Identity!.Name!);
            return l["Exchanges.Completed"].Value;
        }, cancellationToken);

    private AggregateChange<ExchangeRequest> Change(long id, uint version, CancellationToken cancellationToken) =>
        this.Change(db.ExchangeRequests.Where(r => r.Id == id), version)
            .IgnoringInput()
            .ConflictSays(l["Ticket.ChangedMeanwhile"])
            .Unique("newSerial", l["Intake.SerialTaken"])
            .Reload(() => LoadAsync(id, cancellationToken))
            .Done(_ => RedirectToPage(new { id }));

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var request = await db.ExchangeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        Exchange = request;
        Ticket = await db.Tickets.AsNoTracking().FirstAsync(t => t.Id == request.TicketId, cancellationToken);
        OldUnit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == request.OldUnitId, cancellationToken);
        var unit = OldUnit;
        ModelName = await db.ProductModels.Where(m => m.Id == unit.ProductModelId).Select(m => m.Code + " · " + m.Name).FirstAsync(cancellationToken);
        CustomerName = await db.Customers.Where(c => c.Id == unit.CustomerId).Select(c => c.Name).FirstAsync(cancellationToken);
        var ids = request.Decisions.Select(d => d.By).Append(request.RequestedBy).Append(request.HandledBy ?? "").Distinct().ToList();
        Names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName + " (" + u.UserName + ")", cancellationToken);
        CanSign = request.Status == ExchangeStatus.Pending && await this.AllowsAsync(Policies.SignExchangeStep, request.CurrentStep) && request.RequestedBy != UserId;
        IsRequester = request.RequestedBy == UserId;
        return true;
    }
}
