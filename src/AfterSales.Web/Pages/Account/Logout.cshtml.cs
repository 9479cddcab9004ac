using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn, SessionStamps sessions, AfterSalesDbContext db) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    /// <summary>Ends the session on the server too: a copy of the cookie is refused afterwards, on every instance.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var auth = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (auth.Succeeded && signIn.UserManager.GetUserId(auth.Principal) is { } userId)
        {
            await sessions.EndAsync(db, userId, auth.Properties, cancellationToken);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
