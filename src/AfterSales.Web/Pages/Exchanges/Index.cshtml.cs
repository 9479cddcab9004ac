using System.Globalization;
using AfterSales.Domain.Exchanges;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Queues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Exchanges;

/// <summary>
/// Exchange requests and the exchange ledger. The page opens on the requests still waiting for someone (a signature,
/// the requester's answer to a return, or the exchange to be carried out), the step most overdue first; the ledger
/// (old unit in, new unit out, who handled it) lists completed exchanges newest first; "all" lists every request
/// newest first. Filtered by product category (by name), step, status and request dates; 50 a page by cursor on
/// an index matching each order, with the true total.
/// </summary>
public sealed class IndexModel(ReadDbContext db, CompanyClock clock) : PageModel
{
    public const int PageSize = QueueInput.PageSize;

    /// <summary><c>open</c> (default: not completed, rejected nor withdrawn), <c>ledger</c> (completed), <c>all</c>.</summary>
    public static readonly IReadOnlyList<string> Views = ["open", "ledger", "all"];

    public sealed record Row(long Id, string Ticket, string Customer, string Model, string OldSerial, ExchangeStatus Status, ExchangeStep Step, DateTimeOffset StepDueAt, DateTimeOffset RequestedAt, string? NewSerial, DateTimeOffset? CompletedAt, string? HandledBy);

    public sealed record Option(string Value, string Text);

    public string View { get; private set; } = "open";

    public long? Category { get; private set; }

    public ExchangeStep? Step { get; private set; }

    public ExchangeStatus? Status { get; private set; }

    public DateOnly? From { get; private set; }

    public DateOnly? To { get; private set; }

    public bool Overdue { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Option> Categories { get; private set; } = [];

    public int Total { get; private set; }

    public bool FilterIgnored { get; private set; }

    public QueuePager Pager { get; private set; } = new(0, 1, null, null);

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(string? view, long? category, ExchangeStep? step, ExchangeStatus? status, DateOnly? from, DateOnly? to, bool overdue, string? after, int? p, CancellationToken cancellationToken)
    {
        var input = new QueueInput();
        if (!ModelState.IsValid)
        {
            input.Ignore();
        }

        var named = input.Text(view, 16);
        if (named is not null && !Views.Contains(named))
        {
            input.Ignore();
            named = null;
        }

        View = named ?? "open";
        if (category is <= 0)
        {
            input.Ignore();
        }

        Category = category is > 0 ? category : null;
        Step = input.Enum(step);
        Status = input.Enum(status);
        From = input.Date(from);
        To = input.Date(to);
        Overdue = overdue;
        Now = clock.UtcNow;
        var now = Now;
        var cursor = input.InstantCursor(after);
        var pageNumber = cursor is null ? 1 : input.Page(p);

        var query = db.ExchangeRequests.AsNoTracking();
        query = View switch
        {
            "open" => query.Where(r => r.Status == ExchangeStatus.Pending || r.Status == ExchangeStatus.Returned || r.Status == ExchangeStatus.Approved),
            "ledger" => query.Where(r => r.Status == ExchangeStatus.Completed),
            _ => query,
        };
        if (Category is { } categoryId)
        {
            // The category's few models are read first, so each request's unit is looked up by its key and its model
            // compared with those ids, instead of the planner scanning every unit to join them.
            var models = await db.ProductModels.AsNoTracking().Where(m => m.CategoryId == categoryId).Select(m => m.Id).ToListAsync(cancellationToken);
            query = query.Where(r => db.Units.Any(u => u.Id == r.OldUnitId && models.Contains(u.ProductModelId)));
        }

        if (Step is { } s)
        {
            query = query.Where(r => r.Status == ExchangeStatus.Pending && r.CurrentStep == s);
        }

        if (Status is { } st)
        {
            query = query.Where(r => r.Status == st);
        }

        if (From is { } fromDay)
        {
            var start = clock.StartOfDay(fromDay);
            query = query.Where(r => r.RequestedAt >= start);
        }

        if (To is { } toDay)
        {
            var end = clock.StartOfDay(toDay.AddDays(1));
            query = query.Where(r => r.RequestedAt < end);
        }

        if (Overdue)
        {
            query = query.Where(r => r.Status == ExchangeStatus.Pending && r.StepDueAt < now);
        }

        Total = await query.CountAsync(cancellationToken);

        // The open requests are worked by the step's due time (overdue first); the ledger by completion, newest first;
        // all requests by the request time, newest first. Each pages by (time, id) on its own index.
        List<(long Id, DateTimeOffset Key)> keys;
        if (View == "open")
        {
            if (cursor is { } c)
            {
                query = query.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.StepDueAt, r.Id), ValueTuple.Create(c.At, c.Id)));
            }

            keys = [.. (await query.OrderBy(r => r.StepDueAt).ThenBy(r => r.Id).Take(PageSize + 1).Select(r => new { r.Id, r.StepDueAt }).ToListAsync(cancellationToken)).Select(r => (r.Id, r.StepDueAt))];
        }
        else if (View == "ledger")
        {
            if (cursor is { } c)
            {
                query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.CompletedAt!.Value, r.Id), ValueTuple.Create(c.At, c.Id)));
            }

            keys = [.. (await query.OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id).Take(PageSize + 1).Select(r => new { r.Id, At = r.CompletedAt!.Value }).ToListAsync(cancellationToken)).Select(r => (r.Id, r.At))];
        }
        else
        {
            if (cursor is { } c)
            {
                query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.RequestedAt, r.Id), ValueTuple.Create(c.At, c.Id)));
            }

            keys = [.. (await query.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(PageSize + 1).Select(r => new { r.Id, r.RequestedAt }).ToListAsync(cancellationToken)).Select(r => (r.Id, r.RequestedAt))];
        }

        var shown = keys.Take(PageSize).ToList();
        var ids = shown.Select(k => k.Id).ToList();
        var rows = await (from r in db.ExchangeRequests.AsNoTracking()
                          join t in db.Tickets on r.TicketId equals t.Id
                          join u in db.Units on r.OldUnitId equals u.Id
                          join m in db.ProductModels on u.ProductModelId equals m.Id
                          join c in db.Customers on u.CustomerId equals c.Id
                          where ids.Contains(r.Id)
                          select new Row(r.Id, t.Number, c.Name, m.Code, u.SerialNumber, r.Status, r.CurrentStep, r.StepDueAt, r.RequestedAt, r.NewSerialNumber, r.CompletedAt, db.Users.Where(x => x.Id == r.HandledBy).Select(x => x.FullName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        Rows = [.. rows.OrderBy(r => ids.IndexOf(r.Id))];
        Categories = await db.ProductCategories.AsNoTracking().OrderBy(k => k.Name).Select(k => new Option(k.Id.ToString(CultureInfo.InvariantCulture), k.Name)).ToListAsync(cancellationToken);
        FilterIgnored = input.Ignored;
        Pager = new QueuePager(
            Total,
            pageNumber,
            keys.Count > PageSize ? Url.Page("/Exchanges/Index", Values(QueueInput.After(shown[^1].Key, shown[^1].Id), pageNumber + 1)) : null,
            pageNumber > 1 ? Url.Page("/Exchanges/Index", Values(null, null)) : null);
    }

    public RouteValueDictionary Values(string? after, int? page) => new()
    {
        ["view"] = View == "open" ? null : View,
        ["category"] = Category,
        ["step"] = Step,
        ["status"] = Status,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["overdue"] = Overdue ? "true" : null,
        ["after"] = after,
        ["p"] = page,
    };
}
