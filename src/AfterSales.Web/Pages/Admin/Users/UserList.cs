using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Queues;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Admin.Users;

/// <summary>
/// The staff list of <c>/Admin/Users</c>: accounts by user name, filtered by text (user name, name or employee
/// number), role, department and status, 50 a page by cursor (user name) with the true total.
/// </summary>
public sealed class UserList(AfterSalesDbContext db)
{
    public sealed record Row(string Id, string UserName, string FullName, string? EmployeeNo, string? Department, bool IsDisabled, bool LockedOut, IReadOnlyList<string> Roles);

    /// <param name="NextAfter">The next page's cursor (the last user name shown), null on the last page.</param>
    public sealed record Page(int Total, bool FilterIgnored, int PageNumber, string? NextAfter, IReadOnlyList<Row> Rows, IReadOnlyList<string> Departments);

    public async Task<Page> LoadAsync(IndexModel.Filter f, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var input = new QueueInput();
        var q = input.Text(f.Q, 64);
        var role = input.Text(f.Role, 32);
        if (role is not null && !Roles.All.Contains(role))
        {
            input.Ignore();
            role = null;
        }

        var department = input.Text(f.Department, 100);
        var status = input.Text(f.Status, 16);
        if (status is not null and not ("active" or "disabled" or "locked"))
        {
            input.Ignore();
            status = null;
        }

        var after = input.Text(f.After, 64);
        var pageNumber = input.Page(f.PageNo);

        var query = db.Users.AsNoTracking();
        if (q is not null)
        {
            var like = "%" + LikePattern.Escape(q) + "%";
            query = query.Where(u => EF.Functions.ILike(u.UserName!, like, "\\") || EF.Functions.ILike(u.FullName, like, "\\") || (u.EmployeeNo != null && EF.Functions.ILike(u.EmployeeNo, like, "\\")));
        }

        if (role is not null)
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }

        if (department is not null)
        {
            query = query.Where(u => u.Department == department);
        }

        query = status switch
        {
            "active" => query.Where(u => !u.IsDisabled && (u.LockoutEnd == null || u.LockoutEnd <= now)),
            "disabled" => query.Where(u => u.IsDisabled),
            "locked" => query.Where(u => !u.IsDisabled && u.LockoutEnd > now),
            _ => query,
        };

        var total = await query.CountAsync(cancellationToken);
        if (after is not null)
        {
#pragma warning disable CA1309 // translated to SQL "user_name > @after", compared as the ORDER BY below sorts
            query = query.Where(u => string.Compare(u.UserName, after) > 0);
#pragma warning restore CA1309
        }

        var users = await query.OrderBy(u => u.UserName).Take(QueueInput.PageSize + 1)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.EmployeeNo, u.Department, u.IsDisabled, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var shown = users.Take(QueueInput.PageSize).ToList();
        var ids = shown.Select(u => u.Id).ToList();
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ids.Contains(ur.UserId)
                               select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var byUser = roleNames.GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(x => x.Name!).Order(StringComparer.Ordinal)]);
        List<Row> rows = [.. shown.Select(u => new Row(u.Id, u.UserName!, u.FullName, u.EmployeeNo, u.Department, u.IsDisabled, u.LockoutEnd > now, byUser.GetValueOrDefault(u.Id, [])))];
        var departments = await db.Users.AsNoTracking().Where(u => u.Department != null && u.Department != "").Select(u => u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        return new Page(total, input.Ignored, pageNumber, users.Count > shown.Count ? shown[^1].UserName : null, rows, departments);
    }
}
