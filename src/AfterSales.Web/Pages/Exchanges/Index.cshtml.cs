using AfterSales.Domain.Exchanges;
using AfterSales.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Exchanges;

/// <summary>Exchange requests waiting for a signature (overdue steps flagged) and the exchange ledger (old unit in, new unit out, who handled it).</summary>
public sealed class IndexModel(ReadDbContext db) : PageModel
{
    public const int MaxRows = 200;

    public sealed record Row(long Id, string Ticket, string Customer, string Model, string OldSerial, ExchangeStatus Status, ExchangeStep Step, DateTimeOffset StepDueAt, DateTimeOffset RequestedAt, string? NewSerial, DateTimeOffset? CompletedAt, string? HandledBy);

    public IReadOnlyList<Row> Open { get; private set; } = [];

    public IReadOnlyList<Row> Ledger { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = DateTimeOffset.UtcNow;
        var rows = await (from r in db.ExchangeRequests.AsNoTracking()
                          join t in db.Tickets on r.TicketId equals t.Id
                          join u in db.Units on r.OldUnitId equals u.Id
                          join m in db.ProductModels on u.ProductModelId equals m.Id
                          join c in db.Customers on u.CustomerId equals c.Id
                          orderby r.RequestedAt descending
                          select new { r, t.Number, Customer = c.Name, Model = m.Code, u.SerialNumber, Handler = db.Users.Where(x => x.Id == r.HandledBy).Select(x => x.FullName).FirstOrDefault() })
            .Take(MaxRows).ToListAsync(cancellationToken);
        var all = rows.Select(x => new Row(x.r.Id, x.Number, x.Customer, x.Model, x.SerialNumber, x.r.Status, x.r.CurrentStep, x.r.StepDueAt, x.r.RequestedAt, x.r.NewSerialNumber, x.r.CompletedAt, x.Handler)).ToList();
        Open = all.Where(x => x.Status is not ExchangeStatus.Completed).ToList();
        Ledger = all.Where(x => x.Status == ExchangeStatus.Completed).OrderByDescending(x => x.CompletedAt).ToList();
    }
}
