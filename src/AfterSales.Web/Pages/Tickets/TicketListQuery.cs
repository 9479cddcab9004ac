using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// A page of the desk's ticket list (<c>/Tickets</c>): the filtered tickets, newest or oldest first, by keyset
/// (created at, id) so page 1,000 is as fast as page 1. A search matches by several routes (text, phone, serial,
/// <see cref="TicketFilterQuery"/>): each route is paged on its own index and the pages are merged.
/// </summary>
public sealed class TicketListQuery(ReadDbContext db, SearchOptions search)
{
    public const int PageSize = IndexModel.PageSize;

    public sealed record Row(long Id, string Number, DateTimeOffset CreatedAt, string Customer, string? Model, TicketKind Kind, ContactChannel Channel, Urgency Urgency, TicketStatus Status, WarrantyStatus Warranty, string Fault, string? Assignee);

    /// <summary>A page of rows and the cursor of the next page (null on the last page).</summary>
    public sealed record Page(IReadOnlyList<Row> Rows, string? NextCursor);

    /// <param name="q">The search text, trimmed and accepted (<see cref="TicketFilterQuery.Refusal"/>).</param>
    public async Task<Page> LoadAsync(IReadOnlyList<TicketFilterQuery.Part> parts, IndexModel.Filter f, string? q, CancellationToken cancellationToken)
    {
        var hasCursor = Cursor.TryParse(f.After, out var at, out var id);
        IQueryable<Ticket> After(IQueryable<Ticket> query) =>
            !hasCursor ? query
            // A row comparison, so the index seeks straight to the cursor: page 10,000 reads as few rows as page 1.
            : f.Oldest ? query.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(at, id)))
            : query.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(at, id)));
        IQueryable<Ticket> Paged(IQueryable<Ticket> query) =>
            (f.Oldest ? After(query).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id) : After(query).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)).Take(PageSize + 1);

        List<Row> rows;
        if (parts is [{ BySet: false } only])
        {
            // One route: the page and its columns in one query (after a look at the newest tickets, for a word).
            rows = string.IsNullOrEmpty(q)
                ? await Project(db, Paged(only.Query)).ToListAsync(cancellationToken)
                : await WordSearchAsync(f.Oldest, only.Query, After, Paged, t => Project(db, t), cancellationToken);
        }
        else
        {
            var keys = new List<(DateTimeOffset CreatedAt, long Id)>();
            foreach (var part in parts)
            {
                // Tickets of a small known set of customers or units are few: read them all and order here, rather
                // than let the planner walk the date index hoping to meet them early.
                var query = part.BySet ? After(part.Query) : Paged(part.Query);
                keys.AddRange((await query.Select(t => new { t.CreatedAt, t.Id }).ToListAsync(cancellationToken)).Select(k => (k.CreatedAt, k.Id)));
            }

            var page = (f.Oldest ? keys.Distinct().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id) : keys.Distinct().OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id))
                .Take(PageSize + 1).Select(k => k.Id).ToList();
            rows = (await Project(db, db.Tickets.AsNoTracking().Where(t => page.Contains(t.Id))).ToListAsync(cancellationToken))
                .OrderBy(r => page.IndexOf(r.Id)).ToList();
        }

        string? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = Cursor.Format(rows[^1].CreatedAt, rows[^1].Id);
        }

        return new Page(rows, next);
    }

    /// <summary>
    /// A page of a word search from the <c>Search:NewestWindow</c> (default 2,000) tickets next past the cursor in the
    /// list's order (newest or oldest first) first. When they hold a whole page
    /// it is exactly the page a search of every ticket gives (any other match lies beyond all of them). A word common in
    /// history (制冷, 不制冷) is found here in a millisecond, where the word index would fetch every one of its tens of
    /// thousands of tickets to sort them; the planner cannot see that coming, since it takes a word's character pairs to
    /// be independent. Bitmap scans are off for this one query so it walks the date index.
    /// </summary>
    private async Task<List<T>> WordSearchAsync<T>(bool oldest, IQueryable<Ticket> matches, Func<IQueryable<Ticket>, IQueryable<Ticket>> after, Func<IQueryable<Ticket>, IQueryable<Ticket>> paged, Func<IQueryable<Ticket>, IQueryable<T>> shape, CancellationToken cancellationToken)
    {
        var next = after(db.Tickets.AsNoTracking());
        var edge = await (oldest ? next.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id) : next.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id))
            .Skip(search.NewestWindow).Select(t => new { t.CreatedAt, t.Id }).FirstOrDefaultAsync(cancellationToken);
        if (edge is not null)
        {
            var window = paged(oldest
                ? matches.Where(t => EF.Functions.LessThanOrEqual(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(edge.CreatedAt, edge.Id)))
                : matches.Where(t => EF.Functions.GreaterThanOrEqual(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(edge.CreatedAt, edge.Id))));
            var rows = await InTransactionWithAsync("SET LOCAL enable_bitmapscan = off", shape(window), cancellationToken);
            if (rows.Count > PageSize)
            {
                return rows;
            }
        }

        // The window could not answer: read the matches through the word index. Every match is fetched and sorted, at a
        // cost that follows how many tickets hold the word (few, or the window would have held a page). Walking the
        // date index instead, as the planner prefers on its guess of the word's frequency, reads the whole table for a
        // word no ticket holds (a name never met: 8 s at 1M tickets).
        return await InTransactionWithAsync("SET LOCAL enable_indexscan = off", shape(paged(matches)), cancellationToken);
    }

    private async Task<List<T>> InTransactionWithAsync<T>(string setting, IQueryable<T> query, CancellationToken cancellationToken) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(setting, cancellationToken);
            var found = await query.ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return found;
        });

    /// <summary>The list's columns for <paramref name="tickets"/>, as the list and its export read them.</summary>
    public static IQueryable<Row> Project(AfterSalesDbContext db, IQueryable<Ticket> tickets) => tickets.Select(t => new Row(
        t.Id,
        t.Number,
        t.CreatedAt,
        db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).First(),
        db.ProductModels.Where(m => m.Id == t.ProductModelId).Select(m => m.Code).FirstOrDefault(),
        t.Kind,
        t.Channel,
        t.Urgency,
        t.Status,
        t.WarrantyStatus,
        t.FaultDescription,
        db.Users.Where(u => u.Id == t.AssignedTechnicianId).Select(u => u.FullName).FirstOrDefault()));

    /// <summary>The keyset cursor in the URL: creation instant in ticks and the id.</summary>
    public static class Cursor
    {
        public static string Format(DateTimeOffset at, long id) => FormattableString.Invariant($"{at.UtcTicks}.{id}");

        public static bool TryParse(string? value, out DateTimeOffset at, out long id)
        {
            at = default;
            id = 0;
            var parts = value?.Split('.');
            if (parts is not [var ticks, var key] || !long.TryParse(ticks, out var t) || !long.TryParse(key, out id) || t < 0 || t > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }

            at = new DateTimeOffset(t, TimeSpan.Zero);
            return true;
        }
    }
}
