using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Admin.Users;

/// <summary>One account: its roles, disable/enable (disabling ends every session at once), unlock.</summary>
public sealed class EditModel(UserManager<AppUser> users, IStringLocalizer<SharedResource> l, ILogger<EditModel> logger) : PageModel
{
    public AppUser Account { get; private set; } = new();

    public IReadOnlyList<string> CurrentRoles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRolesAsync(string id, string[] roles)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var wanted = roles.Where(r => Roles.All.Contains(r)).Distinct().ToList();
        if (wanted.Count == 0)
        {
            ModelState.AddModelError("roles", l["Users.RoleRequired"]);
            return Page();
        }

        if (Account.UserName == User.Identity?.Name && !wanted.Contains(Roles.Admin))
        {
            ModelState.AddModelError("roles", l["Users.CannotDropOwnAdmin"]);
            return Page();
        }

        await users.RemoveFromRolesAsync(Account, CurrentRoles.Except(wanted));
        await users.AddToRolesAsync(Account, wanted.Except(CurrentRoles));

        // Role changes take effect at the user's next request (the stamp is checked every request).
        await users.UpdateSecurityStampAsync(Account);
        logger.LogInformation("Roles of {UserName} set to {Roles}", Account.UserName, wanted);
        TempData["Flash"] = l["Users.Saved"].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(string id) => await SetDisabledAsync(id, true);

    public async Task<IActionResult> OnPostEnableAsync(string id) => await SetDisabledAsync(id, false);

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await users.SetLockoutEndDateAsync(Account, null);
        await users.ResetAccessFailedCountAsync(Account);
        TempData["Flash"] = l["Users.Saved"].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (disabled && Account.UserName == User.Identity?.Name)
        {
            ModelState.AddModelError("", l["Users.CannotDisableSelf"]);
            return Page();
        }

        Account.IsDisabled = disabled;
        await users.UpdateAsync(Account);

        // A new security stamp invalidates every cookie issued before: the user is signed out everywhere.
        await users.UpdateSecurityStampAsync(Account);
        logger.LogInformation("User {UserName} disabled: {Disabled}", Account.UserName, disabled);
        TempData["Flash"] = l["Users.Saved"].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return false;
        }

        Account = user;
        CurrentRoles = (await users.GetRolesAsync(user)).ToList();
        return true;
    }
}
