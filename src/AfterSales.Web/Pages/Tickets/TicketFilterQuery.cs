using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// The tickets a list filter matches, shared by the list (paged), its count and its export (all rows): one query,
/// or for a search one query per way a ticket can match (text, phone, serial), each on its own index.
/// </summary>
public static class TicketFilterQuery
{
    /// <summary>Up to this many matching customers or units, their tickets are read at once; beyond, in date order.</summary>
    private const int SetLimit = 1_000;

    /// <summary>One way a ticket can match the search; <paramref name="BySet"/>: through a known set of customers or units.</summary>
    public sealed record Part(IQueryable<Ticket> Query, bool BySet);

    /// <summary>Why the search text cannot be searched (a resource key), or null when it can.</summary>
    public static string? Refusal(string? q) =>
        q is not { Length: > 0 } ? null
        : q.Length > IndexModel.MaxSearchLength ? "Tickets.SearchTooLong"
        : q.Any(char.IsControl) ? "Tickets.SearchInvalid"
        : null;

    /// <summary>The filtered tickets, as one query or, for a search, one query per way a ticket can match.</summary>
    public static async Task<List<Part>> PartsAsync(AfterSalesDbContext db, CompanyClock clock, IndexModel.Filter f, string? q, CancellationToken cancellationToken)
    {
        var query = db.Tickets.AsNoTracking();
        if (f.Status is { } status)
        {
            query = query.Where(t => t.Status == status);
        }

        if (f.Kind is { } kind)
        {
            query = query.Where(t => t.Kind == kind);
        }

        if (f.Channel is { } channel)
        {
            query = query.Where(t => t.Channel == channel);
        }

        if (f.Warranty is { } warranty)
        {
            query = query.Where(t => t.WarrantyStatus == warranty);
        }

        if (f.Urgency is { } urgency)
        {
            query = query.Where(t => t.Urgency == urgency);
        }

        if (f.From is { } from && clock.TryStartOfDay(from, out var start))
        {
            query = query.Where(t => t.CreatedAt >= start);
        }

        if (f.To is { } to && to < DateOnly.MaxValue && clock.TryStartOfDay(to.AddDays(1), out var end))
        {
            query = query.Where(t => t.CreatedAt < end);
        }

        if (!string.IsNullOrWhiteSpace(f.Assignee))
        {
            // Typed as a user name or an employee number, or an id from a link or a saved view: filtered by the id.
            var typed = f.Assignee.Trim();
            var normalized = typed.ToUpperInvariant();
            var assignee = await db.Users.AsNoTracking().Where(u => u.Id == typed || u.NormalizedUserName == normalized || u.EmployeeNo == typed)
                .Select(u => u.Id).FirstOrDefaultAsync(cancellationToken) ?? typed;
            query = query.Where(t => t.AssignedTechnicianId == assignee);
        }

        if (!string.IsNullOrWhiteSpace(f.Category))
        {
            // The catalog is small: the category's models are read first, so the planner sees the few model ids it filters by.
            var code = f.Category.Trim();
            var models = await db.ProductModels.AsNoTracking().Where(m => db.ProductCategories.Any(c => c.Id == m.CategoryId && c.Code == code)).Select(m => m.Id).ToListAsync(cancellationToken);
            query = query.Where(t => t.ProductModelId != null && models.Contains(t.ProductModelId.Value));
        }

        if (string.IsNullOrEmpty(q))
        {
            return [new(query, false)];
        }

        var like = LikePattern.Escape(q);
        if (q.StartsWith("SR-", StringComparison.OrdinalIgnoreCase))
        {
            var prefix = like.ToUpperInvariant() + "%";
            return [new(query.Where(t => EF.Functions.Like(t.Number, prefix, "\\")), false)];
        }

        // Words in the fault text or the customer's name, of any length, in every ticket (SearchText).
        var parts = new List<Part>();
        var word = q;
        var words = "%" + like + "%";
        var text = query.Where(t => SearchText.GramsMatch(EF.Property<string[]>(t, SearchText.GramsColumn), word));
        if (q.Length > SearchText.ExactGramLength)
        {
            text = text.Where(t => EF.Functions.ILike(t.FaultDescription, words, "\\")
                || db.Customers.Any(c => c.Id == t.CustomerId && EF.Functions.ILike(c.Name, words, "\\")));
        }

        parts.Add(new(text, false));

        // Phone numbers: from the start, or the last four or more digits (as customers quote them), or anywhere from 7.
        var digits = PhoneNumber.Digits(q);
        if (digits.Length >= IndexModel.MinPhoneDigits && digits.Length == q.Length)
        {
            // Conditions are built here, not as SQL parameters, so each query can use its index.
            var phones = digits.Length >= 7
                ? db.CustomerPhones.Where(p => EF.Functions.Like(p.Number, "%" + digits + "%"))
                : db.CustomerPhones.Where(p => EF.Functions.Like(p.Number, digits + "%") || EF.Functions.Like(p.Number, "%" + digits));
            parts.Add(await ByCustomersAsync(query, phones.Select(p => p.CustomerId), cancellationToken));
        }

        // Serial numbers: from the start.
        var serial = like.ToUpperInvariant() + "%";
        var units = db.Units.Where(u => EF.Functions.Like(u.SerialNumber, serial, "\\")).Select(u => u.Id);
        var unitIds = await units.Take(SetLimit + 1).ToListAsync(cancellationToken);
        if (unitIds.Count > SetLimit)
        {
            parts.Add(new(query.Where(t => t.UnitId != null && units.Contains(t.UnitId.Value)), false));
        }
        else if (unitIds.Count > 0)
        {
            parts.Add(new(query.Where(t => t.UnitId != null && unitIds.Contains(t.UnitId.Value)), true));
        }

        return parts;
    }

    /// <summary>Every matching ticket once, whichever way it matched.</summary>
    public static IQueryable<Ticket> All(AfterSalesDbContext db, IReadOnlyList<Part> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0].Query;
        }

        var ids = parts.Select(p => p.Query.Select(t => t.Id)).Aggregate((a, b) => a.Union(b));
        return db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id));
    }

    /// <summary>How many tickets match, counted no further than <paramref name="atMost"/> (<see cref="int.MaxValue"/>: all of them).</summary>
    public static Task<int> CountAsync(AfterSalesDbContext db, IReadOnlyList<Part> parts, int atMost, CancellationToken cancellationToken)
    {
        var ids = parts.Select(p => p.Query.Select(t => t.Id)).Aggregate((a, b) => a.Union(b));
        return atMost == int.MaxValue ? ids.CountAsync(cancellationToken) : ids.Take(atMost).CountAsync(cancellationToken);
    }

    /// <summary>Tickets of the matching customers: all of a small set read at once, a large set walked in date order.</summary>
    private static async Task<Part> ByCustomersAsync(IQueryable<Ticket> query, IQueryable<long> customers, CancellationToken cancellationToken)
    {
        var ids = await customers.Distinct().Take(SetLimit + 1).ToListAsync(cancellationToken);
        return ids.Count > SetLimit
            ? new(query.Where(t => customers.Contains(t.CustomerId)), false)
            : new(query.Where(t => ids.Contains(t.CustomerId)), true);
    }
}
