using System.Globalization;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Discipline;
using AfterSales.Web.Infrastructure.Queues;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Discipline;

/// <summary>
/// The records list of <c>/Discipline/Records</c>: a manager opens on the records awaiting their decision
/// (oldest first); the open ones and all records (newest first) are other views, filtered by status, employee,
/// rule, department and fact dates, 50 a page by cursor (proposed at, id) with the true total.
/// </summary>
public sealed class RecordList(ReadDbContext read)
{
    public const int PageSize = QueueInput.PageSize;

    /// <summary><c>awaiting</c> my decision (a manager's default), <c>open</c> (proposed or appealed), <c>all</c> (the admin's default).</summary>
    public static readonly IReadOnlyList<string> Views = ["awaiting", "open", "all"];

    /// <summary>The list's query string as bound; after <see cref="LoadAsync"/>, what was kept of it.</summary>
    public sealed record Filter(RecordStatus? Status, string? Employee, string? Rule, string? Dept, DateOnly? From, DateOnly? To, string? Month, string? View, string? After, int? P, long? Done)
    {
        /// <summary>The page's query string for this filter, at a cursor and page number.</summary>
        public RouteValueDictionary RouteValues(string? after, int? page) => new()
        {
            ["view"] = View,
            ["status"] = Status,
            ["employee"] = Employee,
            ["rule"] = Rule,
            ["dept"] = Dept,
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["month"] = Month,
            ["after"] = after,
            ["p"] = page,
        };
    }

    /// <param name="Filter">The filter as used (values the list cannot use dropped; the view settled).</param>
    /// <param name="NextAfter">The next page's cursor, null on the last page.</param>
    public sealed record Page(
        Filter Filter,
        bool FilterIgnored,
        int Total,
        int PageNumber,
        string? NextAfter,
        IReadOnlyList<DisciplineRecord> Records,
        IReadOnlyList<DisciplineRule> Rules,
        RuleTexts RuleTexts,
        IReadOnlyList<string> Departments,
        IReadOnlySet<long> Reversed)
    {
        public static readonly Page Empty = new(new Filter(null, null, null, null, null, null, null, null, null, null, null), false, 0, 1, null, [], [], RuleTexts.None, [], new HashSet<long>());
    }

    /// <param name="ignoreAll">The query string did not bind: every filter is dropped and the page says so.</param>
    /// <param name="names">Gets the names of the people the page shows.</param>
    public async Task<Page> LoadAsync(Filter f, bool ignoreAll, bool canManage, string userId, RecordPeople names, CancellationToken cancellationToken)
    {
        var rules = (await read.DisciplineRules.AsNoTracking().Where(r => r.Active).ToListAsync(cancellationToken))
            .OrderBy(r => r.Audience).ThenBy(r => r.Article, StringComparer.Ordinal).ToList();

        var input = new QueueInput();
        if (ignoreAll)
        {
            input.Ignore();
        }

        f = f with
        {
            Status = input.Enum(f.Status),
            Employee = input.Text(f.Employee, 450),
            Rule = input.Text(f.Rule, 20),
            Dept = input.Text(f.Dept, 256),
            From = input.Date(f.From),
            To = input.Date(f.To),
            Month = input.Text(f.Month, 7),
        };
        var view = input.Text(f.View, 16);
        if (view is not null && (!Views.Contains(view) || (view == "awaiting" && !canManage)))
        {
            input.Ignore();
            view = null;
        }

        var monthStart = default(DateOnly);
        if (f.Month is not null && !DateOnly.TryParseExact(f.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out monthStart))
        {
            input.Ignore();
            f = f with { Month = null };
        }

        if (f.Month is not null && input.Date(monthStart) is null)
        {
            f = f with { Month = null };
        }

        // A manager opens on what awaits their decision; a link that names a filter (a bookmark, the scan, a tally) opens on all records.
        var filtered = f.Status is not null || f.Employee is not null || f.Rule is not null || f.Dept is not null || f.From is not null || f.To is not null || f.Month is not null;
        f = f with { View = view ?? (canManage && !filtered ? "awaiting" : "all") };
        var cursor = input.InstantCursor(f.After);
        var pageNumber = cursor is null ? 1 : input.Page(f.P);

        var query = read.DisciplineRecords.AsNoTracking();
        query = f.View switch
        {
            "awaiting" => query.Where(DisciplineRecord.AwaitingDecisionBy(userId)),
            "open" => query.Where(r => r.Status == RecordStatus.Proposed || r.Status == RecordStatus.Appealed),
            _ => query,
        };

        if (f.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (f.Employee is { } employee)
        {
            // Typed as a user name or an employee number, or an id from a link: the records are filtered by the id.
            var named = await RecordPeople.Staff(read, employee).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken) ?? employee;
            query = query.Where(r => r.EmployeeId == named);
        }

        if (f.Rule is { } article)
        {
            query = query.Where(r => r.Article == article);
        }

        if (f.Dept is { } department)
        {
            // The department's people are read first (a staff list, not a history), so the count reads the employee
            // index for those ids instead of joining every record to the staff table.
            var people = await read.Users.AsNoTracking().Where(u => u.Department == department).Select(u => u.Id).ToListAsync(cancellationToken);
            query = query.Where(r => people.Contains(r.EmployeeId));
        }

        if (f.From is { } from)
        {
            query = query.Where(r => r.FactDate >= from);
        }

        if (f.To is { } to)
        {
            query = query.Where(r => r.FactDate <= to);
        }

        if (f.Month is not null)
        {
            var monthEnd = monthStart.AddMonths(1);
            query = query.Where(r => r.FactDate >= monthStart && r.FactDate < monthEnd);
        }

        var total = await query.CountAsync(cancellationToken);

        // Decisions are worked oldest first; the whole list is read newest first. Both page by (proposed at, id).
        List<DisciplineRecord> page;
        if (f.View == "all")
        {
            if (cursor is { } c)
            {
                query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.ProposedAt, r.Id), ValueTuple.Create(c.At, c.Id)));
            }

            page = await query.OrderByDescending(r => r.ProposedAt).ThenByDescending(r => r.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }
        else
        {
            if (cursor is { } c)
            {
                query = query.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.ProposedAt, r.Id), ValueTuple.Create(c.At, c.Id)));
            }

            page = await query.OrderBy(r => r.ProposedAt).ThenBy(r => r.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }

        var records = page.Take(PageSize).ToList();
        var nextAfter = page.Count > PageSize ? QueueInput.After(records[^1].ProposedAt, records[^1].Id) : null;

        // The record just acted on stays in sight on top, whether or not it is still in this view.
        if (f.Done is { } done && done > 0 && records.All(r => r.Id != done)
            && await read.DisciplineRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == done, cancellationToken) is { } pinned)
        {
            records.Insert(0, pinned);
        }

        await names.AddAsync(records.SelectMany(r => new[] { r.EmployeeId, r.ProposedBy, r.DecidedBy, r.AppealDecidedBy }), cancellationToken);
        var ruleTexts = await RuleTexts.LoadAsync(read, cancellationToken);
        var departments = await read.Users.AsNoTracking().Where(u => u.Department != null).Select(u => u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        var ids = records.Select(r => (long?)r.Id).ToList();
        var reversed = (await read.DisciplineRecords.AsNoTracking()
            .Where(RecordPredicates.LiveReversal)
            .Where(r => ids.Contains(r.ReversesRecordId))
            .Select(r => r.ReversesRecordId!.Value)
            .ToListAsync(cancellationToken)).ToHashSet();
        return new Page(f, input.Ignored, total, pageNumber, nextAfter, records, rules, ruleTexts, departments, reversed);
    }
}

/// <summary>A person a records page names (never the whole staff: a company has thousands).</summary>
public sealed record RecordPerson(string Id, string UserName, string FullName, bool Disabled)
{
    public string Label => FullName.Length > 0 ? $"{FullName}（{UserName}）" : UserName;
}

/// <summary>The names of the people a records page shows, read as they are needed.</summary>
public sealed class RecordPeople(ReadDbContext read)
{
    /// <summary>A person named by their id, user name or employee number (the forms take what a manager knows).</summary>
    internal static IQueryable<AfterSales.Web.Infrastructure.Identity.AppUser> Staff(AfterSalesDbContext db, string named)
    {
        var normalized = named.ToUpperInvariant();
        return db.Users.AsNoTracking().Where(u => u.Id == named || u.NormalizedUserName == normalized || u.EmployeeNo == named);
    }

    private readonly Dictionary<string, RecordPerson> _known = [];

    public IReadOnlyDictionary<string, RecordPerson> Known => _known;

    public async Task AddAsync(IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var missing = ids.OfType<string>().Where(id => !_known.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var person in await read.Users.AsNoTracking().Where(u => missing.Contains(u.Id))
                         .Select(u => new RecordPerson(u.Id, u.UserName ?? "", u.FullName, u.IsDisabled)).ToListAsync(cancellationToken))
            {
                _known[person.Id] = person;
            }
        }
    }
}
