using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Admin.Users;

/// <summary>Staff accounts: who exists, in which roles, enabled or not; create a new account.</summary>
public sealed class IndexModel(AfterSalesDbContext db, UserManager<AppUser> users, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public sealed record Row(string Id, string UserName, string FullName, string? EmployeeNo, string? Department, bool IsDisabled, bool LockedOut, IReadOnlyList<string> Roles);

    /// <summary>The list's filters (query string): text in user name, name or employee number; role; department; status; keyset cursor.</summary>
    public sealed record Filter
    {
        public string? Q { get; init; }

        public string? Role { get; init; }

        public string? Department { get; init; }

        public string? Status { get; init; }

        public string? After { get; init; }

        /// <summary>Which page the cursor shows (a label; not "Page", which is the route's page name).</summary>
        public int? PageNo { get; init; }
    }

    [BindProperty(SupportsGet = true)]
    public Filter F { get; set; } = new();

    public int Total { get; private set; }

    public bool FilterIgnored { get; private set; }

    public Infrastructure.Queues.QueuePager Pager { get; private set; } = new(0, 1, null, null);

    public IReadOnlyList<string> Departments { get; private set; } = [];

    public sealed record Command
    {
        public string UserName { get; init; } = "";

        public string FullName { get; init; } = "";

        public string? EmployeeNo { get; init; }

        public string? Department { get; init; }

        public string Role { get; init; } = "";

        public string Password { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.UserName).NotEmpty().WithMessage(_ => l["Validation.Required"])
                .MaximumLength(64).WithMessage(_ => l["Validation.TooLong", 64])
                .Matches("^[A-Za-z0-9._-]+$").WithMessage(_ => l["Users.UserNameChars"]);
            RuleFor(c => c.FullName).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(100).WithMessage(_ => l["Validation.TooLong", 100]);
            RuleFor(c => c.EmployeeNo).MaximumLength(20).WithMessage(_ => l["Validation.TooLong", 20]);
            RuleFor(c => c.Department).MaximumLength(100).WithMessage(_ => l["Validation.TooLong", 100]);
            RuleFor(c => c.Role).Must(r => Roles.All.Contains(r)).WithMessage(_ => l["Users.RoleRequired"]);
            RuleFor(c => c.Password).MinimumLength(12).WithMessage(_ => l["Identity.PasswordTooShort", 12]).MaximumLength(256);
        }
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var user = new AppUser
        {
            UserName = Input.UserName.Trim(),
            FullName = Input.FullName.Trim(),
            EmployeeNo = Input.EmployeeNo?.Trim(),
            Department = Input.Department?.Trim(),
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };

        // User and role are saved together: a failure leaves no account without a role.
        var strategy = db.Database.CreateExecutionStrategy();
        var errors = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await users.CreateAsync(user, Input.Password);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, Input.Role);
            }

            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return created.Errors.ToList();
            }

            await transaction.CommitAsync(cancellationToken);
            return [];
        });

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.UserName", error.Description);
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = l["Users.Created", user.UserName].Value;
        return RedirectToPage();
    }

    /// <summary>One page of staff (50, by user name, keyset) with the true total of the filtered list.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var input = new Infrastructure.Queues.QueueInput();
        var q = input.Text(F.Q, 64);
        var role = input.Text(F.Role, 32);
        if (role is not null && !Roles.All.Contains(role))
        {
            input.Ignore();
            role = null;
        }

        var department = input.Text(F.Department, 100);
        var status = input.Text(F.Status, 16);
        if (status is not null and not ("active" or "disabled" or "locked"))
        {
            input.Ignore();
            status = null;
        }

        var after = input.Text(F.After, 64);
        var pageNumber = input.Page(F.PageNo);

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

        Total = await query.CountAsync(cancellationToken);
        if (after is not null)
        {
#pragma warning disable CA1309 // translated to SQL "user_name > @after", compared as the ORDER BY below sorts
            query = query.Where(u => string.Compare(u.UserName, after) > 0);
#pragma warning restore CA1309
        }

        var users = await query.OrderBy(u => u.UserName).Take(Infrastructure.Queues.QueueInput.PageSize + 1)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.EmployeeNo, u.Department, u.IsDisabled, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var shown = users.Take(Infrastructure.Queues.QueueInput.PageSize).ToList();
        var ids = shown.Select(u => u.Id).ToList();
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ids.Contains(ur.UserId)
                               select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var byUser = roleNames.GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(x => x.Name!).Order(StringComparer.Ordinal)]);
        Rows = [.. shown.Select(u => new Row(u.Id, u.UserName!, u.FullName, u.EmployeeNo, u.Department, u.IsDisabled, u.LockoutEnd > now, byUser.GetValueOrDefault(u.Id, [])))];
        Departments = await db.Users.AsNoTracking().Where(u => u.Department != null && u.Department != "").Select(u => u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        FilterIgnored = input.Ignored;
        string? Link(string? cursor, int? page) => Url.Page("/Admin/Users/Index", new { F.Q, F.Role, F.Department, F.Status, After = cursor, PageNo = page }.ToFilterRoute());
        Pager = new(
            Total,
            pageNumber,
            users.Count > shown.Count ? Link(shown[^1].UserName, pageNumber + 1) : null,
            pageNumber > 1 ? Link(null, null) : null);
    }
}

internal static class UserFilterRoute
{
    /// <summary>The filter as "F.*" route values, empty ones left out.</summary>
    public static RouteValueDictionary ToFilterRoute(this object filter)
    {
        var values = new RouteValueDictionary();
        foreach (var (key, value) in new RouteValueDictionary(filter))
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                values["F." + key] = text;
            }
        }

        return values;
    }
}
