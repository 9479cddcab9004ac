using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Pages.WorkOrders;

/// <summary>The 维修单 as printed on one A4 page, in Chinese, with the customer's drawn signature.</summary>
public sealed class PrintModel(AfterSalesDbContext db, CompanyClock clock, WorkCalendar workCalendar, IOptions<CompanyOptions> company) : PageModel
{
    public WorkOrderView View { get; private set; } = null!;

    public string CompanyName { get; private set; } = "";

    public CompanyClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var workOrder = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (workOrder is null || !await this.AllowsAsync(Policies.ViewWorkOrder, workOrder))
        {
            return NotFound();
        }

        View = (await WorkOrderView.LoadAsync(db, id, clock.Today, await workCalendar.GetAsync(cancellationToken), cancellationToken))!;
        CompanyName = company.Value.Name;
        return Page();
    }
}
