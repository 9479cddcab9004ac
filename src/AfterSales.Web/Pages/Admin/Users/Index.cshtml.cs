using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Admin.Users;

/// <summary>Staff accounts: who exists, in which roles, enabled or not; create a new account.</summary>
public sealed class IndexModel(AfterSalesDbContext db, UserManager<AppUser> users, IValidator<IndexModel.Command> validator, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public sealed record Row(string Id, string UserName, string FullName, string? EmployeeNo, string? Department, bool IsDisabled, bool LockedOut, string Roles);

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
        if (!this.Validate(validator, Input))
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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var byUser = roleNames.GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(x => x.Name).Order()));
        Rows = (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken))
            .Select(u => new Row(u.Id, u.UserName!, u.FullName, u.EmployeeNo, u.Department, u.IsDisabled, u.LockoutEnd > now, byUser.GetValueOrDefault(u.Id, "")))
            .ToList();
    }
}
