using AfterSales.Web.Infrastructure.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Account;

public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Command
    {
        public string CurrentPassword { get; init; } = "";

        public string NewPassword { get; init; } = "";

        public string ConfirmPassword { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage(_ => l["Login.PasswordRequired"]);
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage(_ => l["Login.PasswordRequired"])
                .MinimumLength(12).WithMessage(_ => l["Identity.PasswordTooShort", 12]).MaximumLength(256);
            RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage(_ => l["ChangePassword.Mismatch"]);
        }
    }

    [BindProperty(Name = "")]
    public Command Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "CurrentPassword" : "NewPassword", error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = l["ChangePassword.Done"].Value;
        return RedirectToPage("/Index");
    }
}
