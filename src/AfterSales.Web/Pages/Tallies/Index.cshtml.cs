using AfterSales.Domain.Tallies;
using AfterSales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Web.Pages.Tallies;

/// <summary>/Tallies opens the last month (the one being reviewed or published).</summary>
public sealed class IndexModel(CompanyClock clock) : PageModel
{
    public IActionResult OnGet() => Redirect("/Tallies/" + TallyMonth.Of(clock.Today.AddMonths(-1)));
}
