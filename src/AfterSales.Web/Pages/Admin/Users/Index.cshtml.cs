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

    public IReadOnlyList<UserList.Row> Rows { get; private set; } = [];

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
    /// <summary>The staff list (<see cref="UserList"/>) and its pager.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var list = await new UserList(db).LoadAsync(F, clock.GetUtcNow(), cancellationToken);
        (Total, FilterIgnored, Rows, Departments) = (list.Total, list.FilterIgnored, list.Rows, list.Departments);
        string? Link(string? cursor, int? page) => Url.Page("/Admin/Users/Index", new { F.Q, F.Role, F.Department, F.Status, After = cursor, PageNo = page }.ToFilterRoute());
        Pager = new(
            Total,
            list.PageNumber,
            list.NextAfter is { } next ? Link(next, list.PageNumber + 1) : null,
            list.PageNumber > 1 ? Link(null, null) : null);
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
