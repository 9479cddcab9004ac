using AfterSales.Web.Infrastructure.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> l, ILogger<LoginModel> logger) : PageModel
{
    public sealed record Command
    {
        public string UserName { get; init; } = "";

        public string Password { get; init; } = "";

        public bool RememberMe { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.UserName).NotEmpty().WithMessage(_ => l["Login.UserNameRequired"]).MaximumLength(256);
            RuleFor(c => c.Password).NotEmpty().WithMessage(_ => l["Login.PasswordRequired"]).MaximumLength(256);
        }
    }

    [BindProperty(Name = "")]
    public Command Input { get; set; } = new();

    [FromQuery]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserName} signed in", Input.UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // One answer whether the user is unknown, disabled, locked out or the password wrong: the page never tells a
        // stranger which user names exist or which accounts are locked. Identity refuses a locked or disabled account
        // before it looks at the password, so checking it here would let guessing go on through a lockout.
        var reason = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong user name or password";
        logger.LogWarning("Sign-in refused for {UserName}: {Reason}", Input.UserName, reason);
        ModelState.AddModelError("", l["Login.Refused"]);
        return Page();
    }
}
