using AfterSales.Domain.Customers;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// Finds callers as the desk types. Digits: exact or prefix match on the phone index (any length),
/// then, from 3 digits on, anywhere in the number through the trigram index. Other text: the customer's
/// name by prefix, then (3+ characters) anywhere by trigram. At most 10 callers, each with their units.
/// </summary>
public static class CallerLookup
{
    public sealed record CallerHit(long Id, string Name, string Kind, string? Address, IReadOnlyList<string> Phones, IReadOnlyList<UnitHit> Units);

    public sealed record UnitHit(long Id, string Model, string ModelName, long ModelId, string Serial, DateOnly? PurchaseDate, bool HasProof, string Warranty, DateOnly? ExpiresOn);

    private const int Limit = 10;

    public static async Task<IReadOnlyList<CallerHit>> FindAsync(AfterSalesDbContext db, string? query, DateOnly today, CancellationToken cancellationToken)
    {
        var text = (query ?? "").Trim();
        if (text.Length == 0 || text.Length > 50)
        {
            return [];
        }

        var digits = PhoneNumber.Digits(text);
        List<long> ids;
        if (digits.Length > 0 && digits.Length >= text.Count(char.IsLetterOrDigit))
        {
            var prefix = digits + "%";
            ids = await db.CustomerPhones.Where(p => EF.Functions.Like(p.Number, prefix))
                .OrderBy(p => p.Number).Select(p => p.CustomerId).Distinct().Take(Limit).ToListAsync(cancellationToken);
            if (ids.Count < Limit && digits.Length >= 3)
            {
                var anywhere = "%" + digits + "%";
                ids.AddRange(await db.CustomerPhones.Where(p => EF.Functions.Like(p.Number, anywhere) && !ids.Contains(p.CustomerId))
                    .Select(p => p.CustomerId).Distinct().Take(Limit - ids.Count).ToListAsync(cancellationToken));
            }
        }
        else
        {
            var escaped = LikePattern.Escape(text);
            ids = await db.Customers.Where(c => EF.Functions.Like(c.Name, escaped + "%"))
                .OrderBy(c => c.Name).Select(c => c.Id).Take(Limit).ToListAsync(cancellationToken);
            if (ids.Count < Limit && text.Length >= 3)
            {
                ids.AddRange(await db.Customers.Where(c => EF.Functions.Like(c.Name, "%" + escaped + "%") && !ids.Contains(c.Id))
                    .Select(c => c.Id).Take(Limit - ids.Count).ToListAsync(cancellationToken));
            }
        }

        if (ids.Count == 0)
        {
            return [];
        }

        var customers = await db.Customers.AsNoTracking().Include(c => c.Phones).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var units = (await UnitsOfAsync(db, ids, today, cancellationToken)).ToLookup(u => u.Id);
        var unitOwners = await db.Units.Where(u => ids.Contains(u.CustomerId)).Select(u => new { u.Id, u.CustomerId }).ToListAsync(cancellationToken);
        var unitsByCustomer = unitOwners.GroupBy(u => u.CustomerId).ToDictionary(g => g.Key, g => g.SelectMany(u => units[u.Id]).ToList());
        return ids.Select(id => customers.First(c => c.Id == id))
            .Select(c => new CallerHit(c.Id, c.Name, c.Kind.ToString(), c.Address, c.Phones.Select(p => p.Number).ToList(), unitsByCustomer.GetValueOrDefault(c.Id, [])))
            .ToList();
    }

    public static async Task<IReadOnlyList<UnitHit>> UnitsOfAsync(AfterSalesDbContext db, IReadOnlyCollection<long> customerIds, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await (from u in db.Units.AsNoTracking()
                          join m in db.ProductModels.AsNoTracking() on u.ProductModelId equals m.Id
                          where customerIds.Contains(u.CustomerId)
                          orderby u.PurchaseDate descending
                          select new { Unit = u, Model = m }).ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            WarrantyDecision decision;
            try
            {
                decision = UnitWarranty.Decide(r.Model, r.Unit, today);
            }
            catch (Domain.DomainException)
            {
                decision = new WarrantyDecision(WarrantyStatus.Undetermined, null, [], today);
            }

            return new UnitHit(r.Unit.Id, r.Model.Code, r.Model.Name, r.Model.Id, r.Unit.SerialNumber, r.Unit.PurchaseDate, r.Unit.HasProofOfPurchase, decision.Status.ToString(), decision.ExpiresOn);
        }).ToList();
    }
}
